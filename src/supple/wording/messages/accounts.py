"""Problems with accounts on a multi-user server (services.accounts)."""

from supple.wording.i18n import N_
from supple.wording.render import Message

MESSAGES = {
    "accounts.needs-postgres": Message(
        N_(
            "A server with accounts keeps each person's data apart in PostgreSQL, and "
            "{opt[database]} names a {kind} database. Set {opt[database]} to "
            "postgresql://user:password@host/dbname and start it again."
        )
    ),
    "accounts.bad-email": Message(
        N_("'{given}' is not an email address. Give one such as name@example.org.")
    ),
    "accounts.email-taken": Message(
        N_("There is already an account for {given}. Log in with it, or use another email address.")
    ),
    "accounts.password-short": Message(
        N_(
            "The password is too short: use at least {n} characters. A few unrelated words "
            "make a long password that is easy to type."
        )
    ),
    "accounts.password-long": Message(N_("The password is too long: use at most {n} characters.")),
    "accounts.unknown-email": Message(
        N_("There is no account for {given} on this server. Check the address.")
    ),
    "accounts.wrong-login": Message(
        N_("The email address or the password is wrong. Check both and try again.")
    ),
    "accounts.wrong-password": Message(
        N_("The current password is wrong. Type the password you log in with, and try again.")
    ),
    "accounts.throttled": Message(
        N_(
            "Too many wrong passwords for this account or from this address; try again in "
            "{seconds} seconds."
        )
    ),
    # services.context: a multi-user app's own settings name no account.
    "store.no-account": Message(
        N_("This server keeps each person's data in their account. Log in first, then try again.")
    ),
}
