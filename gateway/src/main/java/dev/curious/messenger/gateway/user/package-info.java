/** Registration, sign-in, finding people, and the admin's role changes. */
package dev.curious.messenger.gateway.user;
