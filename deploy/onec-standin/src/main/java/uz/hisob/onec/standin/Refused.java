package uz.hisob.onec.standin;

import org.springframework.ws.soap.server.endpoint.annotation.FaultCode;
import org.springframework.ws.soap.server.endpoint.annotation.SoapFault;

/** The base refuses the request (an unknown client or product in an order, a bad page size): a SOAP Client fault. */
@SoapFault(faultCode = FaultCode.CLIENT)
final class Refused extends RuntimeException {

    Refused(String message) {
        super(message);
    }
}
