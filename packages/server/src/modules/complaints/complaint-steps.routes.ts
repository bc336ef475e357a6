import { COMPLAINT_ACTIONS, type ComplaintAction } from '@liangdian/shared';
import { complaintStepsApi, type StepBody } from '@liangdian/shared/api';
import type { FastifyInstance } from 'fastify';
import { type Handlers, mount } from '../../http/route';
import type { Actor } from '../access/policy';
import type { ComplaintStepsService } from './complaint-steps.service';

/** One POST per step of the state machine (COMPLAINT_STEPS), each taking that step. */
export function mountComplaintSteps(app: FastifyInstance, steps: ComplaintStepsService) {
  const take =
    <A extends ComplaintAction>(action: A) =>
    ({ actor, params, body }: { actor: Actor; params: { id: string }; body: unknown }) =>
      steps.take(actor, params.id, action, body as StepBody[A]);
  const handlers = Object.fromEntries(COMPLAINT_ACTIONS.map((a) => [a, take(a)])) as Record<
    ComplaintAction,
    ReturnType<typeof take>
  >;
  mount(app, complaintStepsApi, handlers satisfies Handlers<typeof complaintStepsApi>);
}
