// Card payment with Stripe.js. The card field turns the card into a Stripe token in the
// browser (card numbers never reach our server); our server confirms the PaymentIntent with it;
// a card that needs 3-D Secure is finished with confirmCardPayment. Then the return page reads
// the payment's state from the server (the webhook may come a little later).
(function () {
  "use strict";
  var form = document.getElementById("card-form");
  if (!form || typeof Stripe === "undefined") { return; }
  var stripe = Stripe(form.dataset.key);
  var card = stripe.elements().create("card", { hidePostalCode: true });
  card.mount("#card-element");
  var errors = document.getElementById("card-errors");
  var button = document.getElementById("card-submit");
  var csrf = document.querySelector('meta[name="csrf-token"]').content;

  function fail(message) {
    errors.textContent = message;
    button.disabled = false;
  }

  function confirmOnServer(paymentMethod) {
    return fetch(form.dataset.confirm, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf },
      body: JSON.stringify({ payment_method: paymentMethod })
    }).then(function (response) { return response.json(); });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    button.disabled = true;
    errors.textContent = "";
    stripe.createToken(card).then(function (result) {
      if (result.error) { throw result.error; }
      return confirmOnServer(result.token.card.id);
    }).then(function (answer) {
      if (answer.error) { throw answer.error; }
      if (answer.status === "requires_action") {
        return stripe.confirmCardPayment(answer.client_secret).then(function (result) {
          if (result.error) { throw result.error; }
        });
      }
      if (answer.status === "requires_payment_method") { throw { message: answer.message }; }
    }).then(function () {
      window.location.assign(form.dataset.return);
    }).catch(function (error) {
      fail(error && error.message ? error.message : String(error));
    });
  });
}());
