import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { ApiKeyRepository } from '@herald/db';
import { AppError } from '../../common/app-error';

export interface AuthenticatedRequest extends Request {
  organizationId: string;
}

/**
 * Postiz's public API authenticates with the organization's raw API key in the Authorization
 * header, without "Bearer"; Herald also accepts the Bearer form.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(private readonly apiKeys: ApiKeyRepository) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = request.headers.authorization?.trim();
    if (!header) throw new AppError('UNAUTHORIZED', 'No API Key found');
    const key = header.replace(/^Bearer\s+/i, '');
    const organizationId = await this.apiKeys.findOrganizationId(key);
    if (!organizationId) throw new AppError('UNAUTHORIZED', 'Invalid API key');
    request.organizationId = organizationId;
    return true;
  }
}
