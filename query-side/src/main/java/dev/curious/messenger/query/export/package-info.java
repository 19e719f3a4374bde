/** Every event to Kafka for analysts (a tracking processor that advances only after the broker acknowledged), and the analysts' command line. */
package dev.curious.messenger.query.export;
