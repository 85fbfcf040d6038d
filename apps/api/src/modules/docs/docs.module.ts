import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { DocsController } from './docs.controller';
import { RouteCatalogService } from './route-catalog.service';

@Module({ imports: [DiscoveryModule], controllers: [DocsController], providers: [RouteCatalogService] })
export class DocsModule {}
