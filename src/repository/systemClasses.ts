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
      prop('CLSID', 'string'),
      prop('ClientLoadableCLSID', 'string'),
      prop('HostingModel', 'string'),
      prop('Pure', 'boolean'),
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
  cls('__IndicationRelated', '__SystemClass', { qualifiers: ABSTRACT }),
  cls('__Event', '__IndicationRelated', {
    qualifiers: ABSTRACT,
    properties: [prop('SECURITY_DESCRIPTOR', 'uint8[]'), prop('TIME_CREATED', 'uint64')],
  }),
  cls('__ExtrinsicEvent', '__Event'),
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
