/** A conversation's retention (admins) and legal hold (auditors and admins). */
package dev.curious.messenger.gateway.compliance;
