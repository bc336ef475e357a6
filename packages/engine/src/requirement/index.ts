export {
  requirementOf,
  type RequirementCell,
  type RequirementOptions,
  type RequirementReason,
  type RequirementResult,
  type RequirementSlot,
} from './requirement';
