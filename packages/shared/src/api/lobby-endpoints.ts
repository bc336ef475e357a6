import { OutletParams } from './common';
import { endpoints } from './endpoint';

/**
 * The builder of the lobby's endpoints (tag `lobby`), shared by the parts of the lobby contract,
 * and the outlet they all live under. Internal to the contract: not re-exported from the index.
 */
export const lobbyEndpoints = endpoints(['lobby']);
/** `/outlets/:outletId…`: the endpoints of one outlet's lobby, ticket machine and imports. */
export const atOutlet = lobbyEndpoints.at('/outlets/:outletId', OutletParams);
