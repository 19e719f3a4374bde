/** REST as the contract has it: problem documents, body and rate limits, the caller of a request. */
package dev.curious.messenger.gateway.web;
