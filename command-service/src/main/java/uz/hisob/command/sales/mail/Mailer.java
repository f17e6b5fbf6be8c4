package uz.hisob.command.sales.mail;

/** The port to e-mail (commerce.md: order confirmations over SMTP). Throws when the message could not be handed over. */
public interface Mailer {

    void send(String to, String subject, String text);
}
