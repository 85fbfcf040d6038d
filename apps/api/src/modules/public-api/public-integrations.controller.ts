import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query, UseGuards } from '@nestjs/common';
import { ApiKeyGuard } from '../auth/api-key.guard';
import { z } from 'zod';
import { ApiDoc } from '../docs/api-doc.decorator';
import { ERRORS, errorBodySchema } from '../docs/common-schemas';
import { createGroupSchema, listIntegrationsQuerySchema, setGroupSchema, setTimeSlotsSchema } from '../integrations/dto/integration-bodies.schema';
import {
  customerSchema,
  freeSlotSchema,
  integrationDeletionSchema,
  integrationSettingsSchema,
  integrationViewSchema,
} from '../integrations/dto/integration-responses.schema';
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

  @ApiDoc({
    summary: 'The channels',
    description: 'Postiz fields, plus what to do about the login (`warning`) and the posting time slots.',
    origin: 'Postiz',
    query: listIntegrationsQuerySchema,
    responses: { 200: { description: 'The channels', schema: z.array(integrationViewSchema) }, 400: ERRORS[400], 401: ERRORS[401] },
  })
  @Get('integrations')
  list(@OrganizationId() organizationId: string, @Query() query: unknown) {
    return this.integrations.list(organizationId, query);
  }

  @ApiDoc({ summary: 'Whether the API key works', origin: 'Postiz', responses: { 200: { description: 'Yes', schema: z.object({ connected: z.literal(true) }) }, 401: ERRORS[401] } })
  @Get('is-connected')
  isConnected() {
    return { connected: true };
  }

  @ApiDoc({ summary: "The organization's customers (groups of channels)", origin: 'Postiz', responses: { 200: { description: 'The customers', schema: z.array(customerSchema) }, 401: ERRORS[401] } })
  @Get('groups')
  listGroups(@OrganizationId() organizationId: string) {
    return this.customers.list(organizationId);
  }

  @ApiDoc({
    summary: 'Create a customer (a group of channels)',
    origin: 'Herald',
    body: createGroupSchema,
    responses: { 201: { description: 'The customer', schema: customerSchema }, 400: ERRORS[400], 401: ERRORS[401], 409: { description: 'The name is taken', schema: errorBodySchema } },
  })
  /** Herald: Postiz's public API cannot create customers. */
  @Post('groups')
  @HttpCode(201)
  createGroup(@OrganizationId() organizationId: string, @Body() body: unknown) {
    return this.customers.create(organizationId, body);
  }

  @ApiDoc({
    summary: "Put a channel in a customer's group, or take it out (null)",
    origin: 'Herald',
    params: { id: 'the channel id' },
    body: setGroupSchema,
    responses: { 200: { description: 'The channel', schema: integrationViewSchema }, 400: ERRORS[400], 401: ERRORS[401], 404: ERRORS[404] },
  })
  /** Herald: { group: <customer id> | null }. */
  @Put('integrations/:id/group')
  setGroup(@OrganizationId() organizationId: string, @Param('id') id: string, @Body() body: unknown) {
    return this.integrations.setGroup(organizationId, id, body);
  }

  @ApiDoc({
    summary: "Set a channel's posting time slots",
    description: "`times`: wall-clock 'HH:mm' in `timeZone` (the channel's; null: the organization's).",
    origin: 'Herald',
    params: { id: 'the channel id' },
    body: setTimeSlotsSchema,
    responses: { 200: { description: 'The channel', schema: integrationViewSchema }, 400: ERRORS[400], 401: ERRORS[401], 404: ERRORS[404] },
  })
  /** Herald: { times: ['HH:mm', ...], timeZone? }. */
  @Put('integrations/:id/time-slots')
  setTimeSlots(@OrganizationId() organizationId: string, @Param('id') id: string, @Body() body: unknown) {
    return this.integrations.setTimeSlots(organizationId, id, body);
  }

  @ApiDoc({
    summary: "The channel's next free time slot",
    origin: 'Postiz',
    params: { id: 'the channel id' },
    responses: { 200: { description: 'The slot (nulls when none within a year)', schema: freeSlotSchema }, 401: ERRORS[401], 404: ERRORS[404] },
  })
  @Get('find-slot/:id')
  findSlot(@OrganizationId() organizationId: string, @Param('id') id: string) {
    return this.slots.findSlot(organizationId, id);
  }

  @ApiDoc({
    summary: "A channel's rules, maximum length and settings schema",
    origin: 'Postiz',
    params: { id: 'the channel id' },
    responses: { 200: { description: 'What the network takes', schema: integrationSettingsSchema }, 401: ERRORS[401], 404: ERRORS[404] },
  })
  @Get('integration-settings/:id')
  getSettings(@OrganizationId() organizationId: string, @Param('id') id: string) {
    return this.settings.get(organizationId, id);
  }

  @ApiDoc({
    summary: 'Delete a channel and its unpublished posts',
    description: 'A post being published right now finishes; published posts stay in the record.',
    origin: 'Postiz',
    params: { id: 'the channel id' },
    responses: { 200: { description: 'Deleted', schema: integrationDeletionSchema }, 401: ERRORS[401], 404: ERRORS[404] },
  })
  @Delete('integrations/:id')
  remove(@OrganizationId() organizationId: string, @Param('id') id: string) {
    return this.deletions.delete(organizationId, id);
  }
}
