/** Checks across items: undefined and looping macros, unused macros and lists, event-type restriction. */
import type { Check } from '../../check';
import { macroLoopCheck } from './macroLoop';
import { noEvttypeCheck } from './noEvttype';
import { shadowedDefinitionCheck } from './shadowedDefinition';
import { undefinedMacroCheck } from './undefinedMacro';
import { unusedListCheck } from './unusedList';
import { unusedMacroCheck } from './unusedMacro';

export const referenceChecks: readonly Check[] = [
  undefinedMacroCheck,
  macroLoopCheck,
  unusedMacroCheck,
  unusedListCheck,
  noEvttypeCheck,
  shadowedDefinitionCheck,
];
