/**
 * Checks across items: undefined and looping macros, unused macros and lists, event-type restriction, and the
 * note on names assumed from upstream rules files missing from the workspace.
 */
import type { Check } from '../../check';
import { macroLoopCheck } from './macroLoop';
import { noEvttypeCheck } from './noEvttype';
import { shadowedDefinitionCheck } from './shadowedDefinition';
import { undefinedMacroCheck } from './undefinedMacro';
import { unusedListCheck } from './unusedList';
import { unusedMacroCheck } from './unusedMacro';
import { upstreamNotFoundCheck } from './upstreamNotFound';

export const referenceChecks: readonly Check[] = [
  undefinedMacroCheck,
  macroLoopCheck,
  unusedMacroCheck,
  unusedListCheck,
  noEvttypeCheck,
  shadowedDefinitionCheck,
  upstreamNotFoundCheck,
];
