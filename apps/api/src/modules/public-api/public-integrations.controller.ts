import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query, UseGuards } from '@nestjs/common';
import { ApiKeyGuard } from '../auth/api-key.guard';
import { OrganizationId } from '../auth/organization-id.decorator';
import { CustomersService } from '../integrations/customers.service';
import { IntegrationDeletionService } from '../integrations/integration-deletion.service';
import { IntegrationSettingsService } from '../integrations/integration-settings.service';
import { IntegrationsService } from '../integrations/integrations.service';
import { PostingSlotsService } from '../integrations/posting-slots.service';

/** Postiz public API v1: channels, their groups (customers), settings and time slots; plus what Postiz lacks (marked Herald). */
@Controller('public/v1')
@UseGuards(ApiKeyGuard)
export class PublicIntegrationsController {
  constructor(
    private readonly integrations: IntegrationsService,
    private readonly customers: CustomersService,
    private readonly settings: IntegrationSettingsService,
    private readonly deletions: IntegrationDeletionService,
    private readonly slots: PostingSlotsService,
  ) {}

  @Get('integrations')
  list(@OrganizationId() organizationId: string, @Query() query: unknown) {
    return this.integrations.list(organizationId, query);
  }

  @Get('is-connected')
  isConnected() {
    return { connected: true };
  }

  @Get('groups')
  listGroups(@OrganizationId() organizationId: string) {
    return this.customers.list(organizationId);
  }

  /** Herald: Postiz's public API cannot create customers. */
  @Post('groups')
  @HttpCode(201)
  createGroup(@OrganizationId() organizationId: string, @Body() body: unknown) {
    return this.customers.create(organizationId, body);
  }

  /** Herald: { group: <customer id> | null }. */
  @Put('integrations/:id/group')
  setGroup(@OrganizationId() organizationId: string, @Param('id') id: string, @Body() body: unknown) {
    return this.integrations.setGroup(organizationId, id, body);
  }

  /** Herald: { times: ['HH:mm', ...], timeZone? }. */
  @Put('integrations/:id/time-slots')
  setTimeSlots(@OrganizationId() organizationId: string, @Param('id') id: string, @Body() body: unknown) {
    return this.integrations.setTimeSlots(organizationId, id, body);
  }

  @Get('find-slot/:id')
  findSlot(@OrganizationId() organizationId: string, @Param('id') id: string) {
    return this.slots.findSlot(organizationId, id);
  }

  @Get('integration-settings/:id')
  getSettings(@OrganizationId() organizationId: string, @Param('id') id: string) {
    return this.settings.get(organizationId, id);
  }

  @Delete('integrations/:id')
  remove(@OrganizationId() organizationId: string, @Param('id') id: string) {
    return this.deletions.delete(organizationId, id);
  }
}
