/**
 * Prints the parity score of the language service against ../shared/parity-sample, per operator and overall.
 * Usage: npm run parity [-- --verbose] [-- --operator name]
 */
import { loadVerdicts, scoreParity } from '../test/helpers/parity';
import { sharedMissing } from '../test/helpers/shared';

if (sharedMissing) {
  console.log(`skipped: ${sharedMissing}`);
  process.exit(0);
}
const verbose = process.argv.includes('--verbose');
const operatorIndex = process.argv.indexOf('--operator');
const only = operatorIndex >= 0 ? process.argv[operatorIndex + 1] : undefined;
const verdicts = loadVerdicts().filter((verdict) => !only || verdict.operator === only);
const summary = scoreParity(verdicts);
const percent = (part: number, whole: number): string => (whole === 0 ? '—' : `${((100 * part) / whole).toFixed(1)} %`);

console.log('operator                       cases  needed  strict  lenient  false-errors');
for (const [operator, entry] of Object.entries(summary.byOperator).sort()) {
  console.log(
    `${operator.padEnd(30)} ${String(entry.cases).padStart(5)} ${String(entry.required).padStart(7)} ${String(entry.strict).padStart(7)} ${String(entry.lenient).padStart(8)} ${String(entry.falseErrors).padStart(13)}`,
  );
}
const { errorDefects, warningDefects } = summary;
console.log('');
console.log(`engine errors matched at the recorded range: ${errorDefects.strict}/${errorDefects.required} (${percent(errorDefects.strict, errorDefects.required)}), lenient ${percent(errorDefects.lenient, errorDefects.required)}`);
console.log(`engine warnings matched at the recorded range: ${warningDefects.strict}/${warningDefects.required} (${percent(warningDefects.strict, warningDefects.required)}), lenient ${percent(warningDefects.lenient, warningDefects.required)}`);
console.log(`clean cases with an error: ${summary.cleanCasesWithErrors}/${summary.cleanCases}`);
console.log(`cases with an error outside every defect: ${summary.casesWithFalseErrors}/${summary.cases}; severity mismatches: ${summary.severityMismatches}`);
if (verbose) {
  for (const result of summary.results) {
    const inexact = result.defects.filter((defect) => defect.lenient && !defect.strict).length;
    if (result.missed.length === 0 && result.falseErrors.length === 0 && inexact === 0) continue;
    console.log(`\n${result.id} (${result.intent})`);
    if (inexact > 0) console.log(`  ${inexact} defect(s) matched only by the context range`);
    for (const missed of result.missed) console.log(`  missed ${missed}`);
    for (const error of result.falseErrors) console.log(`  extra error ${String(error.code)} at ${error.range.start.line}:${error.range.start.character}: ${error.message}`);
  }
}
