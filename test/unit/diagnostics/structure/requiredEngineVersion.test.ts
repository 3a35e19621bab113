import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { assertDiagnostics } from '../../../helpers/diagnostics';
import { dedent } from '../../../helpers/markers';

const only = ['engine-version-format', 'required-engine-version'];

describe('engine-version-format and required-engine-version', () => {
  test('versions the engine cannot parse', () => {
    const found = assertDiagnostics(
      dedent(`
        - required_engine_version: <|0.26|>
        - required_engine_version: <|latest|>
        - required_engine_version: <|-1|>
      `),
      ['engine-version-format', 'engine-version-format', 'engine-version-format'],
      { only },
    );
    assert.match(found[0].message, /Did you mean `0.26.0`/);
    assert.equal(found[0].severity, 'error');
  });

  test('accepted forms: x.y.z with trailing text, integers, older versions', () => {
    assertDiagnostics(
      dedent(`
        - required_engine_version: 0.50.0-rc1
        - required_engine_version: 26
        - required_engine_version: "0.62.0"
        - required_engine_version: 0.57.0
      `),
      [],
      { only },
    );
  });

  test('newer than the target engine, or another major version', () => {
    const found = assertDiagnostics(
      dedent(`
        - required_engine_version: <|999.0.0|>
        - required_engine_version: <|0.63.0|>
        - required_engine_version: <|63|>
        - required_engine_version: 0.57.0
      `),
      ['required-engine-version', 'required-engine-version', 'required-engine-version'],
      { only },
    );
    assert.match(found[0].message, /999\.0\.0.*0\.62\.0/);
  });

  test('the target engine comes from the options; the message names the Falco release', () => {
    const found = assertDiagnostics('- required_engine_version: <|0.57.0|>\n', ['required-engine-version'], {
      only,
      analysis: { engineVersion: '0.50.0' },
    });
    assert.match(found[0].message, /Falco 0\.42 or later/);
    assert.match(found[0].message, /Falco 0\.41/);
  });
});
