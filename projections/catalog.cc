#include "projections/catalog.h"

#include "projections/accounts_view.h"
#include "projections/audit_index.h"
#include "projections/demand_index.h"
#include "projections/notice_board.h"
#include "projections/operator_index.h"
#include "projections/stay_view.h"

namespace hoyo::projections {

std::vector<std::unique_ptr<Projection>> all_projections() {
  std::vector<std::unique_ptr<Projection>> out;
  out.push_back(std::make_unique<StayView>());
  out.push_back(std::make_unique<AccountsView>());
  out.push_back(std::make_unique<DemandIndex>());
  out.push_back(std::make_unique<OperatorIndex>());
  out.push_back(std::make_unique<AuditIndex>());
  out.push_back(std::make_unique<NoticeBoard>());
  return out;
}

}  // namespace hoyo::projections
