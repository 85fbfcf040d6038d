import express, { type Router } from 'express';
import { AdminInputError, type SandboxNetwork } from '../network/sandbox-network.types';
import { adminBody, adminQuery } from './admin-input.util';

/** /__sandbox/accounts: each network module owns the accounts of the `network` names it claims. */
export function createAccountsRoutes(networks: readonly SandboxNetwork[]): Router {
  const router = express.Router();
  router.post('/', (req, res) => {
    const input = adminBody(req);
    const network = networks.find((n) => n.accountNetworks.includes(String(input.network)));
    if (!network) throw new AdminInputError(`network must be one of: ${networks.flatMap((n) => n.accountNetworks).join(', ')}`);
    res.status(201).json(network.createAccount(input));
  });

  router.get('/', (req, res) => {
    const wanted = adminQuery(req, 'network');
    // In creation order across networks (a stable sort keeps the seeded ones in network order).
    const accounts = networks
      .flatMap((n) => n.listAccounts())
      .filter((a) => wanted === undefined || (a as { network?: string }).network === wanted)
      .sort((a, b) => String((a as { createdAt?: string }).createdAt).localeCompare(String((b as { createdAt?: string }).createdAt)));
    res.json({ accounts });
  });

  router.patch('/:id', (req, res) => {
    const input = adminBody(req);
    for (const network of networks) {
      const updated = network.patchAccount(req.params.id, input);
      if (updated !== undefined) {
        res.json(updated);
        return;
      }
    }
    throw new AdminInputError(`no account ${req.params.id}`, 404);
  });
  return router;
}
