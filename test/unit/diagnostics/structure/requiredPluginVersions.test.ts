import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { assertDiagnostics } from '../../../helpers/diagnostics';
import { dedent } from '../../../helpers/markers';

const only = ['required-plugin-versions', 'invalid-plugin-requirement'];

describe('required-plugin-versions and invalid-plugin-requirement', () => {
  test('shape errors', () => {
    assertDiagnostics(
      dedent(`
        - required_plugin_versions: <|{name: container, version: 0.4.0}|>
        - <|required_plugin_versions:|>
        - required_plugin_versions:
            - <|container|>
            - name: k8saudit
              version: 0.7.0
              alternatives: <|{name: k8saudit-eks, version: 0.4.0}|>
            - name: json
              version: 0.7.0
              alternatives:
                - <|json2|>
      `),
      ['required-plugin-versions', 'required-plugin-versions', 'required-plugin-versions', 'required-plugin-versions', 'required-plugin-versions'],
      { only },
    );
  });

  test('invalid versions and repeated plugins', () => {
    const found = assertDiagnostics(
      dedent(`
        - required_plugin_versions:
            - name: container
              version: <|latest|>
            - name: k8saudit
              version: 0.7.0
              alternatives:
                - name: k8saudit-eks
                  version: <|0.4|>
                - name: <|k8saudit|>
                  version: 0.8.0
      `),
      ['invalid-plugin-requirement', 'invalid-plugin-requirement', 'invalid-plugin-requirement'],
      { only },
    );
    assert.match(found[0].message, /'Invalid required version'/);
    assert.match(found[2].message, /more than once/);
  });

  test('valid requirements', () => {
    assertDiagnostics(
      dedent(`
        - required_plugin_versions:
            - name: container
              version: 0.4.0
            - name: k8saudit
              version: 0.7.0-rc1
              alternatives:
                - name: k8saudit-eks
                  version: 0.4.0
      `),
      [],
      { only },
    );
  });
});
