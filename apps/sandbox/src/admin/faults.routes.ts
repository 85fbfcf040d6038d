import express, { type Router } from 'express';
import type { FaultRegistry } from '../faults/fault.registry';
import type { FaultInput } from '../faults/fault.types';
import { AdminInputError } from '../network/sandbox-network.types';
import type { SandboxClock } from '../state/sandbox.clock';
import { adminBody } from './admin-input.util';

/** /__sandbox/faults: arm, list and clear injected faults. */
export function createFaultsRoutes(faults: FaultRegistry, clock: SandboxClock): Router {
  const router = express.Router();
  router.post('/', (req, res) => {
    const fault = faults.add(adminBody(req) as unknown as FaultInput, clock.nowIso());
    res.status(201).json(fault);
  });

  router.get('/', (_req, res) => {
    res.json({ faults: faults.list() });
  });

  router.delete('/', (_req, res) => {
    faults.clear();
    res.json({ ok: true });
  });

  router.delete('/:id', (req, res) => {
    if (!faults.remove(req.params.id)) throw new AdminInputError(`no fault ${req.params.id}`, 404);
    res.json({ ok: true });
  });
  return router;
}
