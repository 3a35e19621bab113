// The exception refactorings never throw on odd input: every provider runs at every offset of files holding
// broken exceptions (nulls, non-maps, wrong shapes, half-typed text, CRLF), and every edit it offers stays inside
// its file and does not overlap another edit of the same action.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { exceptionCompProvider } from '../../../../server/src/features/codeActions/exceptions/compForField';
import { convertExceptionFormProvider } from '../../../../server/src/features/codeActions/exceptions/convertForm';
import { moveExceptionProvider } from '../../../../server/src/features/codeActions/exceptions/moveToOverride';
import { defaultAnalysisOptions } from '../../../../server/src/features/diagnostics/check';
import { createDefaultCatalogs } from '../../../../server/src/semantic/catalogs';
import { LoadModel } from '../../../../server/src/semantic/loadModel';
import { createLanguageService } from '../../../../server/src/service/languageService';

const catalogs = createDefaultCatalogs();

const ODD = `- rule: r
  desc: d
  condition: evt.type = open
  output: o
  priority: INFO
  exceptions:
    - name:
      fields:
      comps:
      values:
    - 42
    - [a]
    -
    - name: x
      fields: [proc.name, ]
      comps: [=, "!=", ]
      values: [[a, [b]], c, [[]], [[x, [y]]]]
    - name: y
      fields: {a: b}
      comps: {c: d}
      values: {e: f}
    - name: z
      fields: proc.name
      comps: [in]
      values: [[a], {b: c}, |
          block]
    - {name: w, fields: fd.name, values: [/a/, "/b c/"]}
    - name: v
      fields: [fd.name]
      comps: [startswith allof]
      values:
        - - >
            folded
        - [&anchor a]
        - *anchor
- rule: r
  exceptions:
    - name: x
      values: [[q]]
  override:
    exceptions: append
- rule: s
  exceptions:
- rule: t
  exceptions: {a: b}
- rule: "u"
  desc: d
  condition: evt.type = open
  output: o
  priority: INFO
  exceptions: [ {name: a, fields: [fd.name], values: [[/x/]]}, 7, {name: b,
      fields: fd.name, values: [/y/]} ]
- {rule: flow, desc: d, condition: evt.type = open, output: o, priority: INFO, exceptions: [{name: a, fields: fd.name, values: [/x]}]}
- rule: half
  exceptions:
    - name: a
      fields: [proc.na
`;

describe('exception refactorings: robustness', () => {
  test('no provider throws at any offset, and every edit is well formed', () => {
    const service = createLanguageService({ catalogs });
    const files = [
      { uri: 'file:///workspace/falco_rules.yaml', text: ODD },
      { uri: 'file:///workspace/crlf.yaml', text: ODD.replace(/\n/g, '\r\n') },
      { uri: 'file:///workspace/zz_later.yaml', text: '- rule: r\n  exceptions:\n    - name: x\n      values: [[z]]\n  override:\n    exceptions: append\n' },
    ];
    for (const file of files) service.updateDocument(file.uri, file.text, { override: 'force' });
    const model = new LoadModel(service.index);
    let offered = 0;
    for (const { uri, text } of files.slice(0, 2)) {
      const file = service.index.get(uri)!;
      for (let offset = 0; offset <= text.length; offset++) {
        const context = { index: service.index, model, catalogs, options: defaultAnalysisOptions, file, span: { start: offset, end: offset } };
        for (const provider of [convertExceptionFormProvider, exceptionCompProvider, moveExceptionProvider]) {
          for (const action of provider(context)) {
            offered++;
            for (const changes of action.edits?.() ?? []) {
              const length = service.index.get(changes.uri)!.syntax.text.length;
              const spans = changes.changes.map((change) => change.span).sort((a, b) => a.start - b.start);
              spans.forEach((span, index) => {
                assert.ok(span.start >= 0 && span.start <= span.end && span.end <= length, `${action.title} at ${offset}: edit outside the file`);
                const previous = spans[index - 1];
                if (!previous) return;
                assert.ok(previous.end <= span.start, `${action.title} at ${offset}: overlapping edits`);
                // An insertion where another edit ends would depend on the order the client applies them in.
                const touching = previous.end === span.start && (previous.start === previous.end || span.start === span.end);
                assert.ok(!touching, `${action.title} at ${offset}: edits touching at ${span.start}`);
              });
            }
          }
        }
      }
    }
    assert.ok(offered > 0, 'no action offered at all');
  });
});
