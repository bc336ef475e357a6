import { lobbyMachineApi } from '@liangdian/shared/api';
import type { FastifyInstance } from 'fastify';
import { mount } from '../../../http/route';
import type { MachineService } from './machine.service';
import { machineTokenSheet } from './machine.sheets';

/** Ticket events (public: the machine token is checked by the service) and the machine tokens. */
export function machineRoutes(app: FastifyInstance, machine: MachineService) {
  mount(app, lobbyMachineApi, {
    ingestTicketEvents: ({ req, params, body, locale }) =>
      machine.ingest(req.headers.authorization, params.outletId, body.events, locale),
    listMachineTokens: {
      list: ({ actor, params, query }) => machine.listTokens(actor, params.outletId, query),
      sheet: machineTokenSheet,
    },
    createMachineToken: ({ actor, params, body }) => machine.createToken(actor, params.outletId, body.name),
    revokeMachineToken: ({ actor, params }) => machine.revokeToken(actor, params.outletId, params.tokenId),
  });
}
