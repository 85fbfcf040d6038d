// Herald's own rules for docker-compose.yml, beyond what the Compose Specification's schema checks.
import type { Rule } from './compose-model';
import { configRules } from './config-rules';
import { stackRules } from './stack-rules';

export const composeRules: Rule[] = [...stackRules, ...configRules];
