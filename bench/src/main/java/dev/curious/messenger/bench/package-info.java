/** Benchmarks: each starts the real system on this machine, drives it and prints what it measured. */
package dev.curious.messenger.bench;
