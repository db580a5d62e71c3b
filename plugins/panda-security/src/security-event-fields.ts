/**
 * The security event fields the reference lists as its results (WatchGuard's `SecurityEvent`
 * object); the answer's `data` items carry them, and the results keep them all optional.
 */
export const SECURITY_EVENT_FIELDS = [
  'accessed_data', 'action', 'alias', 'count', 'custom_group_folder_id', 'custom_group_folder_info',
  'date', 'description', 'detected_by', 'detection_technology', 'device_id', 'device_type',
  'direction', 'discard_motive', 'domain', 'dwell_time', 'endpoint_event_date', 'event_id',
  'event_type', 'excluded', 'exploit_technique', 'file_info_discard', 'filed_date', 'hash',
  'host_name', 'id', 'instance_id', 'ip_address', 'is_excluded', 'item_name',
  'like_lihood_of_being_malicious', 'local_endpoint', 'lock_plus_rule_id', 'made_external_connections', 'malware_category', 'malware_name',
  'malware_type', 'network_activity_type', 'number_of_occurrences', 'path', 'platform_id', 'protection_mode',
  'protocol', 'reclassified_to_type', 'remote_endpoint', 'risk', 'rule_configuration_id', 'rule_id',
  'rule_mitre', 'rule_name', 'rule_obsolete', 'rule_risk', 'security_event_date', 'since_until_filed',
  'site_id', 'site_name', 'source_ip', 'source_machine_name', 'source_user', 'status',
  'type', 'user_name', 'was_run',
] as const;
