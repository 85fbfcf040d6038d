import { Module } from '@nestjs/common';
import {
  CustomerRepository,
  type Db,
  IntegrationDeletionRepository,
  IntegrationDetailsRepository,
  PostingSlotRepository,
} from '@herald/db';
import { PRISMA } from '../../infrastructure/tokens';
import { PublishScheduler } from '../posts/publish-scheduler.service';
import { CustomersService } from './customers.service';
import { IntegrationDeletionService } from './integration-deletion.service';
import { IntegrationSettingsService } from './integration-settings.service';
import { IntegrationsService } from './integrations.service';
import { PostingSlotsService } from './posting-slots.service';

/**
 * Channels: listing, customers (Postiz's groups), settings, time slots, deletion. Exports
 * PostingSlotsService for the posts module (a post put "in the queue" takes the next free slot).
 */
@Module({
  providers: [
    IntegrationsService,
    CustomersService,
    IntegrationSettingsService,
    IntegrationDeletionService,
    PostingSlotsService,
    // Stateless (a Temporal client and config from the global module): its own instance here
    // cancels the publishes of a deleted channel's posts.
    PublishScheduler,
    { provide: CustomerRepository, inject: [PRISMA], useFactory: (db: Db) => new CustomerRepository(db) },
    { provide: IntegrationDetailsRepository, inject: [PRISMA], useFactory: (db: Db) => new IntegrationDetailsRepository(db) },
    { provide: IntegrationDeletionRepository, inject: [PRISMA], useFactory: (db: Db) => new IntegrationDeletionRepository(db) },
    { provide: PostingSlotRepository, inject: [PRISMA], useFactory: (db: Db) => new PostingSlotRepository(db) },
  ],
  exports: [IntegrationsService, CustomersService, IntegrationSettingsService, IntegrationDeletionService, PostingSlotsService],
})
export class IntegrationsModule {}
