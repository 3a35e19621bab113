import { test } from 'node:test';
import { assertDiagnostics } from '../../../helpers/diagnostics';
import { dedent } from '../../../helpers/markers';

test('exceptions-shape: sequence of mappings, values a sequence, no empty fields or values', () => {
  assertDiagnostics(
    dedent(`
      - rule: A
        desc: d
        condition: evt.type = open
        output: o %proc.name
        priority: WARNING
        exceptions: <|{name: x}|>
      - rule: B
        desc: d
        condition: evt.type = open
        output: o %proc.name
        priority: WARNING
        exceptions:
          - <|just_a_name|>
          - name: e
            fields: [proc.name, fd.name]
            values: <|{a: b}|>
          - name: f
            fields: [proc.name, <|""|>]
            values:
              - [a, <|""|>]
      - rule: C
        desc: d
        condition: evt.type = open
        output: o %proc.name
        priority: WARNING
        exceptions:
      - rule: D
        desc: d
        condition: evt.type = open
        output: o %proc.name
        priority: WARNING
        exceptions:
          - name: ok
            fields: [proc.name, fd.name]
            comps: [=, startswith]
            values:
              - [a, /tmp]
              - [b, [/etc, /var]]
    `),
    ['exceptions-shape', 'exceptions-shape', 'exceptions-shape', 'exceptions-shape', 'exceptions-shape'],
    { only: ['exceptions-shape'] },
  );
});
