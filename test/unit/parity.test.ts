/**
 * Parity with the real Falco 0.44.1 engine on the labelled sample (../shared/parity-sample): every engine error
 * must be matched by an error at the recorded range, warnings by warnings, clean files get no error, and no
 * error lands outside a defect. The thresholds are the bar; `npm run parity -- --verbose` explains a
 * failure case by case.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { scoreParity } from '../helpers/parity';
import { sharedMissing } from '../helpers/shared';

test('diagnostics agree with the engine on the parity sample', { skip: sharedMissing }, (context) => {
  const summary = scoreParity();
  const { errorDefects, warningDefects } = summary;
  const rate = (part: number, whole: number): number => (whole === 0 ? 1 : part / whole);
  context.diagnostic(
    `errors at the recorded range ${errorDefects.strict}/${errorDefects.required}, warnings ${warningDefects.strict}/${warningDefects.required}, ` +
      `clean files with an error ${summary.cleanCasesWithErrors}/${summary.cleanCases}, cases with an error outside every defect ${summary.casesWithFalseErrors}`,
  );
  assert.ok(rate(errorDefects.strict, errorDefects.required) >= 0.99, `engine errors matched at their range: ${errorDefects.strict}/${errorDefects.required}`);
  assert.equal(errorDefects.lenient, errorDefects.required, 'every engine error is reported in its context');
  assert.ok(rate(warningDefects.strict, warningDefects.required) >= 0.99, `engine warnings matched: ${warningDefects.strict}/${warningDefects.required}`);
  assert.equal(summary.cleanCasesWithErrors, 0, 'clean files get no error');
  assert.equal(summary.casesWithFalseErrors, 0, 'no error outside a defect');
  assert.equal(summary.severityMismatches, 0, 'no error where the engine only warns');
});
