package uz.hisob.command.sales;

/**
 * The tenant's order numbers: 1, 2, 3… without gaps. A number is taken in the transaction of the order that gets it,
 * so an order refused or rolled back gives its number back; concurrent orders of one tenant queue for the next number
 * until the one before commits. Command handlers receive it as a parameter.
 */
public interface OrderNumbers {

    long next(String tenant);
}
