/** Rules for text that several services compare the same way: nicknames and their look-alike keys. */
package dev.curious.messenger.platform.text;
