/** Infrastructure every service shares; it holds no domain rule. */
package dev.curious.messenger.platform;
