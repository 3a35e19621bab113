/** Checks of rule tags against MITRE ATT&CK and Falco's tagging convention (advice only: the engine ignores tags). */
import type { Check } from '../../check';
import { attackTacticMismatchCheck } from './attackTacticMismatch';
import { attackTacticWithoutTechniqueCheck } from './attackTacticWithoutTechnique';
import { attackTagConventionCheck } from './attackTagConvention';
import { deprecatedAttackTechniqueCheck } from './deprecatedAttackTechnique';
import { unknownAttackTacticCheck } from './unknownAttackTactic';
import { unknownAttackTechniqueCheck } from './unknownAttackTechnique';

export const tagChecks: readonly Check[] = [
  unknownAttackTechniqueCheck,
  deprecatedAttackTechniqueCheck,
  unknownAttackTacticCheck,
  attackTagConventionCheck,
  attackTacticMismatchCheck,
  attackTacticWithoutTechniqueCheck,
];
