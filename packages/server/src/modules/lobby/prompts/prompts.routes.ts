import { lobbyPromptsApi } from '@liangdian/shared/api';
import type { FastifyInstance } from 'fastify';
import { mount } from '../../../http/route';
import type { PromptsService } from './prompts.service';

export function promptsRoutes(app: FastifyInstance, prompts: PromptsService) {
  mount(app, lobbyPromptsApi, {
    ackPrompt: ({ actor, params }) => prompts.answer(actor, params.outletId, params.promptId, 'ack'),
    declinePrompt: ({ actor, params }) => prompts.answer(actor, params.outletId, params.promptId, 'decline'),
  });
}
