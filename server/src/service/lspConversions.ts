/**
 * Conversions from the features layer's data to LSP data types (severities, symbol kinds, diagnostics).
 */
import { DiagnosticSeverity, DiagnosticTag, SymbolKind, type Diagnostic, type Range } from 'vscode-languageserver-types';
import type { FalcoDiagnostic } from '../features/diagnostics/diagnostic';
import type { OutlineKind } from '../features/documentSymbols';
import type { ProblemSeverity } from '../syntax/problems';
import type { Span } from '../syntax/span';
import type { TextLines } from './lineIndex';

const severities: Record<ProblemSeverity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toLspDiagnostic(diagnostic: FalcoDiagnostic, lines: TextLines, rangeIn: (uri: string, span: Span) => Range, clientUri: (uri: string) => string = (uri) => uri): Diagnostic {
  const result: Diagnostic = {
    range: lines.toRange(diagnostic.span),
    severity: severities[diagnostic.severity],
    code: diagnostic.code,
    source: 'falco',
    message: diagnostic.message,
  };
  if (diagnostic.related && diagnostic.related.length > 0) {
    result.relatedInformation = diagnostic.related.map((place) => ({
      location: { uri: clientUri(place.uri), range: rangeIn(place.uri, place.span) },
      message: place.message,
    }));
  }
  if (diagnostic.tags && diagnostic.tags.length > 0) {
    result.tags = diagnostic.tags.map((tag) => (tag === 'unnecessary' ? DiagnosticTag.Unnecessary : DiagnosticTag.Deprecated));
  }
  return result;
}

const symbolKinds: Record<OutlineKind, SymbolKind> = {
  rule: SymbolKind.Event,
  macro: SymbolKind.Function,
  list: SymbolKind.Array,
  exception: SymbolKind.Key,
  required_engine_version: SymbolKind.Property,
  required_plugin_versions: SymbolKind.Property,
  file: SymbolKind.File,
};

export function toLspSymbolKind(kind: OutlineKind): SymbolKind {
  return symbolKinds[kind];
}
