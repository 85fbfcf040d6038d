import { Controller, Get, UseGuards } from '@nestjs/common';
import { ApiKeyGuard } from '../auth/api-key.guard';
import { OrganizationId } from '../auth/organization-id.decorator';
import { IntegrationsService } from '../integrations/integrations.service';

/** Postiz public API v1: channels and the connection check. */
@Controller('public/v1')
@UseGuards(ApiKeyGuard)
export class PublicIntegrationsController {
  constructor(private readonly integrations: IntegrationsService) {}

  @Get('integrations')
  list(@OrganizationId() organizationId: string) {
    return this.integrations.list(organizationId);
  }

  @Get('is-connected')
  isConnected() {
    return { connected: true };
  }
}
