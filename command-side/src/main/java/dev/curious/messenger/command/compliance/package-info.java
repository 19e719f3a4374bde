/** Retention: which conversations keep their content for how long, and the job that erases what came due. */
package dev.curious.messenger.command.compliance;
