/** The command side: aggregates that hold the contract's rules and turn accepted commands into stored events. */
package dev.curious.messenger.command;
