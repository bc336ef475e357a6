/**
 * What the staffing requirement reads (all SQL stays in the repositories): the outlet, its lobby
 * settings (service target, mode plan), its zones and its recent tickets.
 */
export { findOutlet } from '../org/org.repository';
export { findSettings, issuesBetween, zonesOf } from '../lobby/lobby.repository';
