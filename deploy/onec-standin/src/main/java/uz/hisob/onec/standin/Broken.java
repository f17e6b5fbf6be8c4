package uz.hisob.onec.standin;

import org.springframework.ws.soap.server.endpoint.annotation.FaultCode;
import org.springframework.ws.soap.server.endpoint.annotation.SoapFault;

/** The base cannot answer (as 1C does when its server cluster is busy or a lock times out): a SOAP Server fault. */
@SoapFault(faultCode = FaultCode.SERVER)
final class Broken extends RuntimeException {

    Broken(String message) {
        super(message);
    }
}
