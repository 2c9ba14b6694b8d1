/** The incident types every installation knows; INCIDENT_TYPES adds more. */
export const DEFAULT_INCIDENT_TYPES = [
  'phishing',
  'account-compromise',
  'data-leak',
  'disinformation',
  'malware',
  'ransomware',
  'ddos',
  'defacement',
  'lost-device',
  'decoy-tripped',
  'comms-compromise',
  'other',
] as const;
