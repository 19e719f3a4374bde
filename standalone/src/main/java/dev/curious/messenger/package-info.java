/** The single-JVM launcher: every module of the messenger in one process. */
package dev.curious.messenger;
