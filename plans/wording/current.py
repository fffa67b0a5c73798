"""The wording of each plan kind after the 2025 reform (two tiers: province and commune), the
parts a commune and a province issuer share. The parts that differ (who takes part, who does
what, who receives the plan) come from ``plans.wording.commune`` and ``plans.wording.province``
as the placeholders {participants}, {organisation} and the recipients.

Placeholders: {year}, {body}, {unit} (xã Hạ Hòa), {unit_kind} (xã, phường, tỉnh), {programme}
(the programme valid for the year, from the catalog), {standard}, {rural_line}, {urban_line},
{urban_term}, {min_deprivations} (the poverty standard of the year, from the households data).
"""

from plans.kinds import (
    CONTENT_FORM,
    FUNDING,
    ORGANISATION,
    PROGRAMME,
    PURPOSE,
    PURPOSE_OUTLINE,
    TASKS,
)

# Titles stay short (the programme's full name is read once, in the introduction).
DIALOGUE_TITLE = ("Tổ chức Hội nghị đối thoại chính sách về giảm nghèo bền vững năm {year} trên "
                  "địa bàn {unit}")
DIALOGUE_INTRO = ("{body} xây dựng Kế hoạch tổ chức Hội nghị đối thoại chính sách về giảm nghèo "
                  "bền vững năm {year} trên địa bàn {unit} (thực hiện {programme}), cụ thể như sau:")
DIALOGUE_OUTLINE = PURPOSE_OUTLINE.format(
    purpose="Tăng cường công tác tuyên truyền, tạo chuyển biến về nhận thức, trách nhiệm của người "
    "dân, đặc biệt là người dân thuộc hộ nghèo, hộ cận nghèo, hộ mới thoát nghèo về mục đích, ý "
    "nghĩa, nội dung, giải pháp giảm nghèo bền vững của Chương trình.",
    requirement="Hội nghị được tổ chức dân chủ, an toàn, thiết thực và hiệu quả; bảo đảm mỗi người "
    "dân được bình đẳng, công khai tham gia phát biểu, đóng góp ý kiến.",
) + """II. NỘI DUNG, HÌNH THỨC
1. Nội dung đối thoại
- Làm rõ các chính sách giảm nghèo, giúp người dân hiểu, tiếp cận và thụ hưởng các chính sách.
2. Hình thức đối thoại
- Đối thoại trực tiếp, hỏi và trả lời giữa người dân và cán bộ, công chức.
3. Thời gian, địa điểm
4. Thành phần
{participants}5. Kinh phí thực hiện
III. TỔ CHỨC THỰC HIỆN
{organisation}"""
DIALOGUE_CLOSING = ("Trên đây là Kế hoạch tổ chức Hội nghị đối thoại chính sách năm {year} của "
                    "{body}. Trong quá trình thực hiện nếu có khó khăn, vướng mắc đề nghị phản ánh "
                    "về {body} để kịp thời giải quyết./.")

COMMUNICATION_TITLE = "Truyền thông về giảm nghèo đa chiều trên địa bàn {unit} năm {year}"
COMMUNICATION_INTRO = ("{body} ban hành Kế hoạch truyền thông về giảm nghèo đa chiều năm {year} "
                       "thuộc {programme}, cụ thể như sau:")
COMMUNICATION_OUTLINE = PURPOSE_OUTLINE.format(
    purpose="Tăng cường truyền thông, nâng cao nhận thức, trách nhiệm của toàn xã hội về mục đích, "
    "ý nghĩa, nội dung, giải pháp giảm nghèo bền vững của Chương trình.",
    requirement="Truyền thông kịp thời, chính xác, đúng quy định, phù hợp với từng đối tượng.",
) + """II. ĐỐI TƯỢNG, PHẠM VI VÀ THỜI GIAN THỰC HIỆN
1. Đối tượng truyền thông
- Người dân, cán bộ, đảng viên; chú trọng người thuộc hộ nghèo, hộ cận nghèo, hộ mới thoát nghèo.
2. Phạm vi và thời gian thực hiện
- Phạm vi thực hiện: trên địa bàn {unit}.
- Thời gian thực hiện: Quý II, Quý III, Quý IV năm {year}.
III. NỘI DUNG, HÌNH THỨC
1. Tổ chức đối thoại chính sách định kỳ về giảm nghèo
2. Truyền thông trên hệ thống thông tin cơ sở
- Xây dựng chuyên mục, tin bài về giảm nghèo phát trên đài truyền thanh, trang thông tin điện tử.
3. In ấn, cấp phát tờ rơi, sổ tay
- In và cấp phát tờ rơi, sổ tay hỏi đáp về chính sách giảm nghèo đến các thôn, tổ dân phố.
4. Phong trào thi đua "Vì người nghèo - Không để ai bị bỏ lại phía sau"
- Tuyên truyền, vận động; biểu dương, khen thưởng tập thể, cá nhân tiêu biểu.
IV. KINH PHÍ THỰC HIỆN
V. TỔ CHỨC THỰC HIỆN
{organisation}"""
COMMUNICATION_CLOSING = ("Trên đây là Kế hoạch truyền thông về giảm nghèo đa chiều năm {year} của "
                         "{body}. Đề nghị các cơ quan, đơn vị liên quan triển khai thực hiện./.")

LEADER_DIALOGUE_TITLE = "Tổ chức đối thoại của Chủ tịch Ủy ban nhân dân {unit_kind} trong năm {year}"
LEADER_DIALOGUE_INTRO = ("{body} xây dựng Kế hoạch đối thoại của Chủ tịch Ủy ban nhân dân "
                         "{unit_kind} với người dân trong năm {year}, cụ thể như sau:")
LEADER_DIALOGUE_OUTLINE = PURPOSE_OUTLINE.format(
    purpose="Giúp hộ nghèo, hộ cận nghèo, hộ mới thoát nghèo bày tỏ tâm tư, nguyện vọng; phản ánh, "
    "kiến nghị những khó khăn, vướng mắc.",
    requirement="Việc đối thoại được thực hiện dân chủ, công khai, nghiêm túc, tiết kiệm, hiệu quả.",
) + """II. THÀNH PHẦN, SỐ LƯỢNG VÀ NỘI DUNG ĐỐI THOẠI
1. Quý II/{year}
1.1. Thành phần và số lượng tham gia đối thoại
{leader_participants}1.2. Nội dung đối thoại
- Công tác rà soát, bình xét hộ nghèo, hộ cận nghèo; các chính sách hỗ trợ hộ nghèo.
2. Quý III/{year}
2.1. Thành phần và số lượng tham gia đối thoại
{leader_participants}2.2. Nội dung đối thoại
- Sản xuất nông nghiệp, tiếp cận vốn vay, chính sách hỗ trợ sinh kế.
III. PHƯƠNG PHÁP, HÌNH THỨC, THỜI GIAN, ĐỊA ĐIỂM
1. Phương pháp đối thoại
- Đối thoại trực tiếp; người dân phát biểu hoặc gửi ý kiến bằng văn bản cho Ban tổ chức.
2. Thời gian, địa điểm
IV. TỔ CHỨC THỰC HIỆN
{organisation}"""
LEADER_DIALOGUE_CLOSING = ("Trên đây là Kế hoạch đối thoại của Chủ tịch Ủy ban nhân dân {unit_kind} "
                           "năm {year}. Đề nghị các cơ quan, đơn vị có liên quan phối hợp triển "
                           "khai thực hiện./.")

REVIEW_CONFERENCE_TITLE = "Tổ chức Hội nghị tổng kết công tác giảm nghèo bền vững năm {year}"
REVIEW_CONFERENCE_INTRO = ("{body} xây dựng Kế hoạch tổ chức Hội nghị tổng kết công tác giảm nghèo "
                           "bền vững năm {year} thuộc {programme}, cụ thể như sau:")
REVIEW_CONFERENCE_OUTLINE = PURPOSE_OUTLINE.format(
    purpose="Đánh giá kết quả thực hiện công tác giảm nghèo bền vững; biểu dương, khen thưởng tập "
    "thể, cá nhân có thành tích tiêu biểu.",
    requirement="Hội nghị tổ chức trang trọng, tiết kiệm, hiệu quả; báo cáo đúng thời hạn.",
) + """II. THỜI GIAN, ĐỊA ĐIỂM, THÀNH PHẦN
1. Thời gian, địa điểm
2. Thành phần đại biểu
{review_participants}III. CHƯƠNG TRÌNH HỘI NGHỊ
1. Tuyên bố lý do, giới thiệu đại biểu.
2. Báo cáo kết quả thực hiện công tác giảm nghèo năm {year} ({lead_office}).
3. Tham luận của các đơn vị và hộ gia đình tiêu biểu.
4. Khen thưởng tập thể, cá nhân có thành tích.
5. Phát biểu kết luận của lãnh đạo Ủy ban nhân dân (chủ trì hội nghị).
IV. KHEN THƯỞNG
1. Tập thể
- Tặng Giấy khen cho tập thể có thành tích xuất sắc.
2. Cá nhân
- Tặng Giấy khen cho cá nhân có thành tích xuất sắc.
V. KINH PHÍ
VI. TỔ CHỨC THỰC HIỆN
{organisation}"""
REVIEW_CONFERENCE_CLOSING = ("Trên đây là Kế hoạch tổ chức Hội nghị tổng kết năm {year}. Đề nghị các "
                             "cơ quan, đơn vị liên quan thực hiện./.")

YEARLY_TITLE = ("Thực hiện nội dung truyền thông, nâng cao năng lực và giám sát, đánh giá về "
                "giảm nghèo bền vững năm {year}")
YEARLY_INTRO = ("{body} ban hành Kế hoạch thực hiện nội dung truyền thông, nâng cao năng lực và "
                "giám sát, đánh giá năm {year} thuộc {programme}, cụ thể như sau:")
YEARLY_OUTLINE = PURPOSE_OUTLINE.format(
    purpose="Triển khai đồng bộ các nội dung truyền thông, nâng cao năng lực và giám sát, đánh giá "
    "Chương trình.",
    requirement="Sử dụng kinh phí đúng mục đích, đúng định mức; báo cáo kết quả đúng hạn.",
) + """II. NỘI DUNG THỰC HIỆN
1. Truyền thông về giảm nghèo đa chiều
- Tổ chức đối thoại chính sách; truyền thông trên hệ thống thông tin cơ sở; in tờ rơi.
- Thời gian: Quý II - Quý IV năm {year}.
2. Nâng cao năng lực thực hiện Chương trình
- Tập huấn cho cán bộ làm công tác giảm nghèo cấp xã, thôn, tổ dân phố.
- Thời gian: Quý II - Quý III năm {year}.
3. Giám sát, đánh giá
- Kiểm tra, giám sát thực hiện Chương trình; rà soát hộ nghèo, hộ cận nghèo định kỳ.
- Thời gian: Quý III - Quý IV năm {year}.
III. KINH PHÍ THỰC HIỆN
IV. TỔ CHỨC THỰC HIỆN
{organisation}"""
YEARLY_CLOSING = ("Trên đây là Kế hoạch thực hiện nội dung truyền thông, nâng cao năng lực và giám "
                  "sát, đánh giá năm {year}. Đề nghị các cơ quan, đơn vị liên quan triển khai thực "
                  "hiện./.")

# The periodic review (domain.md §4.2): from 1 September to 14 December, six steps.
REVIEW_TITLE = "Rà soát hộ nghèo, hộ cận nghèo năm {year} trên địa bàn {unit}"
REVIEW_INTRO = ("{body} ban hành Kế hoạch rà soát hộ nghèo, hộ cận nghèo năm {year} theo chuẩn "
                "nghèo đa chiều quy định tại {standard}, cụ thể như sau:")
REVIEW_OUTLINE = PURPOSE_OUTLINE.format(
    purpose="Xác định, lập danh sách hộ nghèo, hộ cận nghèo năm {year} làm cơ sở thực hiện các "
    "chính sách giảm nghèo và chính sách an sinh xã hội.",
    requirement="Rà soát đúng quy trình, dân chủ, công khai, có sự tham gia của người dân; kết quả "
    "phản ánh đúng thực tế đời sống của hộ gia đình.",
) + """II. PHẠM VI, ĐỐI TƯỢNG VÀ CHUẨN ÁP DỤNG
1. Phạm vi
- Trên địa bàn {unit}.
2. Đối tượng rà soát
- Hộ gia đình có tên trong danh sách hộ nghèo, hộ cận nghèo đang quản lý; hộ gia đình có giấy đề nghị rà soát.
3. Chuẩn áp dụng
- Chuẩn nghèo đa chiều quy định tại {standard}: mức thu nhập bình quân đầu người khu vực nông thôn {rural_line} đồng/người/tháng, {urban_term} {urban_line} đồng/người/tháng.
- Hộ nghèo: thu nhập bình quân đầu người không vượt mức trên và thiếu hụt từ {min_deprivations} chỉ số đo lường mức độ thiếu hụt dịch vụ xã hội cơ bản trở lên; hộ cận nghèo: thu nhập không vượt mức trên và thiếu hụt dưới {min_deprivations} chỉ số.
III. QUY TRÌNH VÀ THỜI GIAN THỰC HIỆN
{review_lead}1. Bước 1: Lập danh sách hộ cần rà soát
- Ban Chỉ đạo rà soát cấp xã phối hợp với trưởng thôn, tổ dân phố và rà soát viên lập danh sách hộ nghèo, hộ cận nghèo đang quản lý và hộ có giấy đề nghị rà soát.
- Thời gian: từ ngày 01/9/{year}.
2. Bước 2: Khảo sát, phân loại hộ
- Rà soát viên khảo sát thu nhập và mức độ thiếu hụt dịch vụ xã hội cơ bản của từng hộ theo phiếu khảo sát; chấm điểm, phân loại hộ theo chuẩn nghèo.
- Thời gian: tháng 9 và tháng 10 năm {year}.
3. Bước 3: Họp dân thống nhất kết quả
- Tổ chức họp dân tại thôn, tổ dân phố; kết quả được thống nhất khi có ít nhất 50% người tham dự đồng ý, nếu không đạt thì khảo sát lại và họp lại; lập 02 biên bản, thôn, tổ dân phố giữ 01 bản, Ban Chỉ đạo rà soát cấp xã giữ 01 bản.
- Thời gian: tháng 11 năm {year}.
4. Bước 4: Niêm yết, thông báo công khai
- Niêm yết công khai danh sách tại trụ sở {commune_ubnd}, nhà văn hóa thôn, tổ dân phố; thông báo trên đài truyền thanh.
5. Bước 5: Báo cáo kết quả rà soát
- {commune_ubnd} tổng hợp, báo cáo kết quả rà soát về Ủy ban nhân dân cấp tỉnh (qua Sở Nông nghiệp và Môi trường) theo quy định.
6. Bước 6: Công nhận danh sách
- Chủ tịch {commune_ubnd} quyết định công nhận danh sách hộ nghèo, hộ cận nghèo, hộ thoát nghèo, hộ thoát cận nghèo; cấp giấy chứng nhận hộ nghèo, hộ cận nghèo.
- Hoàn thành trước ngày 14/12/{year}.
IV. KINH PHÍ THỰC HIỆN
V. TỔ CHỨC THỰC HIỆN
{organisation}"""
REVIEW_CLOSING = ("Trên đây là Kế hoạch rà soát hộ nghèo, hộ cận nghèo năm {year} của {body}. Đề "
                  "nghị các cơ quan, đơn vị liên quan triển khai thực hiện./.")

# kind → (title, intro, outline, closing, required sections, budget after, schedule after)
SHARED = {
    "dialogue_conferences": (DIALOGUE_TITLE, DIALOGUE_INTRO, DIALOGUE_OUTLINE, DIALOGUE_CLOSING,
                             [PURPOSE, CONTENT_FORM, ORGANISATION], "Kinh phí thực hiện",
                             "Thời gian, địa điểm"),
    "da6_communication": (COMMUNICATION_TITLE, COMMUNICATION_INTRO, COMMUNICATION_OUTLINE,
                          COMMUNICATION_CLOSING, [PURPOSE, CONTENT_FORM, FUNDING, ORGANISATION],
                          "KINH PHÍ THỰC HIỆN", "Tổ chức đối thoại chính sách định kỳ về giảm nghèo"),
    "commune_dialogue": (LEADER_DIALOGUE_TITLE, LEADER_DIALOGUE_INTRO, LEADER_DIALOGUE_OUTLINE,
                         LEADER_DIALOGUE_CLOSING, [PURPOSE, ORGANISATION], "", "Thời gian, địa điểm"),
    "review_conference": (REVIEW_CONFERENCE_TITLE, REVIEW_CONFERENCE_INTRO,
                          REVIEW_CONFERENCE_OUTLINE, REVIEW_CONFERENCE_CLOSING,
                          [PURPOSE, PROGRAMME, ORGANISATION], "KINH PHÍ", "Thời gian, địa điểm"),
    "yearly_implementation": (YEARLY_TITLE, YEARLY_INTRO, YEARLY_OUTLINE, YEARLY_CLOSING,
                              [PURPOSE, TASKS, FUNDING, ORGANISATION], "KINH PHÍ THỰC HIỆN", ""),
    "household_review": (REVIEW_TITLE, REVIEW_INTRO, REVIEW_OUTLINE, REVIEW_CLOSING,
                         [PURPOSE, FUNDING, ORGANISATION], "KINH PHÍ THỰC HIỆN", ""),
}
