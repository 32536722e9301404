import { cls, prop, qual } from '../model/build';
import type { ClassDefinition } from '../model';

const KEY = [qual('Key')];
const ABSTRACT = [qual('Abstract')];

/**
 * The WMI system classes every namespace holds (decisions §8), in dependency order.
 * They cannot be written or deleted; user classes may derive from them.
 */
export const SYSTEM_CLASSES: readonly ClassDefinition[] = [
  cls('__SystemClass', null, { qualifiers: ABSTRACT }),
  cls('__NAMESPACE', '__SystemClass', { properties: [prop('Name', 'string', KEY)] }),
  cls('__SystemSecurity', null),
  cls('__Provider', '__SystemClass', { qualifiers: ABSTRACT, properties: [prop('Name', 'string', KEY)] }),
  cls('__Win32Provider', '__Provider', {
    properties: [
      prop('ClientLoadableCLSID', 'string'),
      prop('CLSID', 'string'),
      prop('Concurrency', 'sint32'),
      prop('DefaultMachineName', 'string'),
      prop('Enabled', 'boolean'),
      prop('HostingModel', 'string'),
      prop('ImpersonationLevel', 'sint32'),
      prop('InitializationReentrancy', 'sint32'),
      prop('InitializationTimeoutInterval', 'datetime'),
      prop('InitializeAsAdminFirst', 'boolean'),
      prop('OperationTimeoutInterval', 'datetime'),
      prop('PerLocaleInitialization', 'boolean'),
      prop('PerUserInitialization', 'boolean'),
      prop('Pure', 'boolean'),
      prop('SecurityDescriptor', 'string'),
      prop('SupportsExplicitShutdown', 'boolean'),
      prop('SupportsExtendedStatus', 'boolean'),
      prop('SupportsQuotas', 'boolean'),
      prop('SupportsSendStatus', 'boolean'),
      prop('SupportsShutdown', 'boolean'),
      prop('SupportsThrottling', 'boolean'),
      prop('UnloadTimeout', 'datetime'),
      prop('Version', 'uint32'),
    ],
  }),
  cls('__ProviderRegistration', '__SystemClass', {
    qualifiers: ABSTRACT,
    properties: [prop('provider', 'ref:__Provider', KEY)],
  }),
  cls('__ObjectProviderRegistration', '__ProviderRegistration', {
    qualifiers: ABSTRACT,
    properties: [
      prop('SupportsPut', 'boolean'),
      prop('SupportsGet', 'boolean'),
      prop('SupportsDelete', 'boolean'),
      prop('SupportsEnumeration', 'boolean'),
      prop('QuerySupportLevels', 'string[]'),
      prop('InteractionType', 'sint32'),
    ],
  }),
  cls('__ClassProviderRegistration', '__ObjectProviderRegistration', {
    properties: [prop('ResultSetQueries', 'string[]'), prop('ReferencedSetQueries', 'string[]')],
  }),
  cls('__InstanceProviderRegistration', '__ObjectProviderRegistration'),
  cls('__MethodProviderRegistration', '__ProviderRegistration'),
  cls('__EventProviderRegistration', '__ProviderRegistration', { properties: [prop('EventQueryList', 'string[]')] }),
  cls('__EventConsumerProviderRegistration', '__ProviderRegistration', {
    properties: [prop('ConsumerClassNames', 'string[]')],
  }),
  cls('__PropertyProviderRegistration', '__ProviderRegistration', {
    properties: [prop('SupportsGet', 'boolean'), prop('SupportsPut', 'boolean')],
  }),
  cls('__IndicationRelated', '__SystemClass', { qualifiers: ABSTRACT }),
  cls('__EventConsumer', '__IndicationRelated', {
    qualifiers: ABSTRACT,
    properties: [prop('CreatorSID', 'uint8[]'), prop('MachineName', 'string'), prop('MaximumQueueSize', 'uint32')],
  }),
  cls('__EventFilter', '__IndicationRelated', {
    properties: [
      prop('CreatorSID', 'uint8[]'),
      prop('EventAccess', 'string'),
      prop('EventNamespace', 'string'),
      prop('Name', 'string', KEY),
      prop('Query', 'string'),
      prop('QueryLanguage', 'string'),
    ],
  }),
  cls('__FilterToConsumerBinding', '__IndicationRelated', {
    properties: [
      prop('Consumer', 'ref:__EventConsumer', KEY),
      prop('CreatorSID', 'uint8[]'),
      prop('DeliverSynchronously', 'boolean'),
      prop('DeliveryQoS', 'uint32'),
      prop('Filter', 'ref:__EventFilter', KEY),
      prop('MaintainSecurityContext', 'boolean'),
      prop('SlowDownProviders', 'boolean'),
    ],
  }),
  cls('__Event', '__IndicationRelated', {
    qualifiers: ABSTRACT,
    properties: [prop('SECURITY_DESCRIPTOR', 'uint8[]'), prop('TIME_CREATED', 'uint64')],
  }),
  cls('__ExtrinsicEvent', '__Event', { qualifiers: ABSTRACT }),
  cls('__ClassOperationEvent', '__Event', { properties: [prop('TargetClass', 'object')] }),
  cls('__ClassCreationEvent', '__ClassOperationEvent'),
  cls('__ClassModificationEvent', '__ClassOperationEvent', { properties: [prop('PreviousClass', 'object')] }),
  cls('__ClassDeletionEvent', '__ClassOperationEvent'),
  cls('__InstanceOperationEvent', '__Event', { properties: [prop('TargetInstance', 'object')] }),
  cls('__InstanceCreationEvent', '__InstanceOperationEvent'),
  cls('__InstanceModificationEvent', '__InstanceOperationEvent', { properties: [prop('PreviousInstance', 'object')] }),
  cls('__InstanceDeletionEvent', '__InstanceOperationEvent'),
  cls('__NotifyStatus', null, { qualifiers: ABSTRACT, properties: [prop('StatusCode', 'uint32')] }),
  cls('__ExtendedStatus', '__NotifyStatus', {
    properties: [
      prop('Description', 'string'),
      prop('Operation', 'string'),
      prop('ParameterInfo', 'string'),
      prop('ProviderName', 'string'),
    ],
  }),
];

export function isSystemName(name: string): boolean {
  return name.startsWith('__');
}
