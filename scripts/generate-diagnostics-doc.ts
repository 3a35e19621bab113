/**
 * Writes docs/diagnostics.md from the diagnostic code catalog. Usage: npx tsx scripts/generate-diagnostics-doc.ts
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderDiagnosticsDoc } from './diagnosticsDoc';

writeFileSync(join(__dirname, '..', 'docs', 'diagnostics.md'), renderDiagnosticsDoc());
console.log('docs/diagnostics.md written');
