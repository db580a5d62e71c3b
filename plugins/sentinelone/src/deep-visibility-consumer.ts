import { PlyError } from '@ply/core';
import { z } from 'zod';
import { sentinelone } from './module.js';

const consumerArguments = z
  .object({
    chunk_size: z.int().positive().default(1000).describe('The size of chunks for the batch processing'),
    intake_server: z.string().default('https://intake.sekoia.io').describe("Server of the intake server (e.g. 'https://intake.sekoia.io')"),
    intake_key: z.string().min(1).describe('Intake key to use when sending events'),
    bootstrap_servers: z.string().min(1).describe("Kafka bootstrap servers (e.g. 'dv-exporter-kafka-eu-central-1-prod.sentinelone.net:9093')"),
    username: z.string().min(1).describe('Kafka username'),
    password: z.string().min(1).meta({ secret: true }).describe('Kafka password'),
    group_id: z.string().min(1).describe('Kafka consumer group'),
    topic: z.string().min(1).describe('Kafka topic'),
  })
  .meta({ title: 'DeepVisibility Consumer' });

const NAME = '[DEPRECATED] Consume events from SentinelOne DeepVisibility';
const DESCRIPTION = 'Consume events from SentinelOne DeepVisibility’s Kafka brokers';

/**
 * The reference marks this consumer deprecated and keeps it so old playbooks and connectors still
 * load. Ply keeps its identity and arguments (they load and validate) but does not consume the
 * Kafka export (protobuf messages over SASL Kafka): it stops at start with a status that says
 * what to use instead.
 */
function retired(): Promise<void> {
  return Promise.reject(
    new PlyError('PLY_CONFIGURATION_INVALID', `${NAME}: the Deep Visibility Kafka export is not collected by Ply; collect SentinelOne alerts with sentinelone_log_connector, or query Deep Visibility with the dv_query_events action`),
  );
}

/** What the connector and the trigger of the reference share (the same uuid and docker parameters). */
const consumer = {
  uuid: '988173de-019d-41f5-8125-d2c8b258a5ef',
  slug: 'sentinelone_deep_visibility_consumer',
  name: NAME,
  description: DESCRIPTION,
  docker_parameters: 'sentinelone_deep_visibility_consumer',
  arguments: consumerArguments,
  results: z.looseObject({}),
  start: retired,
};

export const deepVisibilityConsumerConnector = sentinelone.connector(consumer);

export const deepVisibilityConsumerTrigger = sentinelone.trigger(consumer);
