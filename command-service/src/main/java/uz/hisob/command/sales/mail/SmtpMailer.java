package uz.hisob.command.sales.mail;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/**
 * {@link Mailer} over SMTP with Spring's mail support ({@code spring.mail.host}, {@code .port}, {@code .username} …,
 * operations.md). Without a host, mail is not sent, and said so once in the log: a shop that has not set up its mail
 * still takes orders.
 */
@Component
public class SmtpMailer implements Mailer {

    private static final Logger log = LoggerFactory.getLogger(SmtpMailer.class);

    private final JavaMailSender sender;
    private final String from;
    private volatile boolean warned;

    public SmtpMailer(ObjectProvider<JavaMailSender> sender, @Value("${hisob.mail.from:Hisob <no-reply@hisob.uz>}") String from) {
        this.sender = sender.getIfAvailable();
        this.from = from;
    }

    @Override
    public void send(String to, String subject, String text) {
        if (sender == null) {
            if (!warned) {
                warned = true;
                log.warn("No SMTP server configured (spring.mail.host): order confirmations are not e-mailed");
            }
            return;
        }
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(from);
        message.setTo(to);
        message.setSubject(subject);
        message.setText(text);
        sender.send(message);
    }
}
