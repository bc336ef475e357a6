import { lobbyCalibrationApi } from '@liangdian/shared/api';
import type { FastifyInstance } from 'fastify';
import { mount } from '../../../http/route';
import type { CalibrationService } from './calibration.service';

export function calibrationRoutes(app: FastifyInstance, calibration: CalibrationService) {
  mount(app, lobbyCalibrationApi, {
    lobbyCalibration: ({ actor, params, query }) => calibration.calibration(actor, params.outletId, query),
  });
}
