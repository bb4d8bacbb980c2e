// The sender the mail crash tests kill: opens the data directory DIR (its
// key file beside it, as the accounts fixture makes it) and runs one pass of
// the mail delivery through the SMTP relay on 127.0.0.1:PORT, which the test
// keeps stalled until it sends SIGKILL.
#include <iostream>
#include <string>

#include "accounts/account_service.h"
#include "accounts/key_file.h"
#include "accounts/mail_delivery.h"
#include "eventstore/event_store.h"
#include "processor/clock.h"
#include "processor/command_processor.h"

int main(int argc, char** argv) {
  using namespace hoyo;
  if (argc != 3) {
    std::cerr << "usage: mail_send_child DIR PORT\n";
    return 2;
  }
  const std::string dir = argv[1];
  auto store = eventstore::EventStore::open(dir);
  if (!store.ok()) {
    std::cerr << store.status().to_string() << "\n";
    return 1;
  }
  processor::SystemClock clock;
  auto processor = processor::CommandProcessor::open(**store, clock);
  if (!processor.ok()) {
    std::cerr << processor.status().to_string() << "\n";
    return 1;
  }
  accounts::AccountsConfig config;
  auto kek = accounts::prepare_key_file(**store, accounts::default_key_file(dir));
  if (!kek.ok()) {
    std::cerr << kek.status().to_string() << "\n";
    return 1;
  }
  config.kek = *kek;
  accounts::AccountService service(**store, **processor, clock, config);
  accounts::SmtpConfig smtp;
  smtp.url = std::string("smtp://127.0.0.1:") + argv[2];
  accounts::DeliveryConfig delivery_config;
  delivery_config.background = false;
  accounts::MailDelivery delivery(**store, **processor, service.vault(), clock,
                                  accounts::make_smtp_transport(smtp), delivery_config);
  std::cout << "attempted " << delivery.deliver_due() << std::endl;
  return 0;
}
