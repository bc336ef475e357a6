export {
  requirementOf,
  type RequirementCell,
  type RequirementOptions,
  type RequirementReason,
  type RequirementResult,
  type RequirementSlot,
} from './requirement';
export {
  serviceLevelOf,
  type ServiceLevelOptions,
  type ServiceLevelQueue,
  type ServiceLevelResult,
  type ServiceLevelSlot,
} from './service-level';
