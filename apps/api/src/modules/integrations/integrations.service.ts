import { Inject, Injectable } from '@nestjs/common';
import { CustomerRepository, IntegrationDetailsRepository } from '@herald/db';
import { isValidTimeZone, parsePostingTimes } from '@herald/domain';
import { AppError } from '../../common/app-error';
import { CLOCK, type Clock } from '../../infrastructure/tokens';
import { parseBody } from '../posts/dto/parse-body.util';
import { channelNotFound } from './channel-not-found.util';
import { listIntegrationsQuerySchema, setGroupSchema, setTimeSlotsSchema } from './dto/integration-bodies.schema';
import { type IntegrationView, toIntegrationView } from './integration-view.mapper';

@Injectable()
export class IntegrationsService {
  constructor(
    private readonly details: IntegrationDetailsRepository,
    private readonly customers: CustomerRepository,
    @Inject(CLOCK) private readonly now: Clock,
  ) {}

  /** GET /integrations[?group=]: the organization's channels, or one customer's, with what the user must do. */
  async list(organizationId: string, rawQuery: unknown): Promise<IntegrationView[]> {
    const { group } = parseBody(listIntegrationsQuerySchema, rawQuery);
    // An unknown or foreign group matches no channel: the list is empty, as in Postiz.
    const rows = await this.details.list(organizationId, group ? { customerId: group } : {});
    const now = this.now();
    return rows.map((i) => toIntegrationView(i, now));
  }

  /** PUT /integrations/:id/group (Herald): puts the channel in one of the organization's customers, or none. */
  async setGroup(organizationId: string, integrationId: string, rawBody: unknown): Promise<IntegrationView> {
    const { group } = parseBody(setGroupSchema, rawBody);
    if (!(await this.details.find(organizationId, integrationId))) throw channelNotFound(integrationId);
    if (group !== null && !(await this.customers.findForOrganization(organizationId, group))) {
      throw AppError.validation('group', 'is not a group of this organization (see GET /groups)');
    }
    const updated = await this.details.setCustomer(organizationId, integrationId, group);
    if (!updated) throw channelNotFound(integrationId);
    return toIntegrationView(updated, this.now());
  }

  /**
   * PUT /integrations/:id/time-slots (Herald): the channel's posting times, wall-clock 'HH:mm' in
   * `timeZone` (the channel's own; null goes back to the organization's; absent keeps it).
   */
  async setTimeSlots(organizationId: string, integrationId: string, rawBody: unknown): Promise<IntegrationView> {
    const body = parseBody(setTimeSlotsSchema, rawBody);
    const times = parsePostingTimes(body.times);
    if (!times.ok) throw AppError.validation(times.field, times.reason);
    if (typeof body.timeZone === 'string' && !isValidTimeZone(body.timeZone)) {
      throw AppError.validation('timeZone', 'is not an IANA time zone such as Europe/Paris');
    }
    const updated = await this.details.setPostingTimes(organizationId, integrationId, { times: times.value, timeZone: body.timeZone });
    if (!updated) throw channelNotFound(integrationId);
    return toIntegrationView(updated, this.now());
  }
}
