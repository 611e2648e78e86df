import Contract
import Foundation

/// Claims stated by a bound in words rather than a figure: "no speedup",
/// "in parallel", "not thread-safe", "适用于I/O密集型任务", "受GIL限制".
extension ClaimScanner {
    /// Claims with no number but a natural bound, the first that fits: no
    /// speedup (at most 1.1×), slower (under 1×), faster (at least 1.1×),
    /// in parallel (parallelism at least 1.5), not thread-safe (at least one
    /// lost update), thread-safe (none lost). The negative forms are looked
    /// for first: "no speedup" also holds "speedup".
    static let naturalBounds: [(pattern: String, min: Double?, max: Double?, unit: StatedUnit, quantity: ClaimQuantity)] = [
        (#"(?:\bno|\bnot|don'?t|doesn'?t|never|without|avoid(?:s|ing)?|prevents?|stops?|无需|不需要|不用|不会有|没有|避免(?:了)?)\b[^.,;。，；]{0,40}?(?:race conditions?|data races?|synchroni[sz]ation (?:issues|problems|bugs)|数据竞争|竞态|竞争条件|同步(?:问题|的复杂性))|(?:不存在|没有|不会有|不会出现)[^，。,.]{0,4}(?:同时)?写(?:变量|数据)?(?:的)?冲突"#, nil, 0, .count, .lostUpdates),
        (#"不是线程安全|(?<!不|无)需要?(?:手动)?(?:管理|使用|加)?锁|(?:同时|并发)(?:修改|写入?)[^，。,.]{0,6}(?:覆盖|丢失)|无锁(?:会|时|则)?[^，。,.]{0,6}(?:小于|少于|出错|错误|不正确)|\b(?:need|needs|require|requires) synchroni[sz]ation(?: \w+){0,3} to (?:avoid|prevent) (?:conflicts|corruption|races)|(?<!no )needs? locks|非线程安全|not thread[- ]safe|isn'?t thread[- ]safe|race condition|data race|loses? updates|线程不安全|不安全|数据竞争|竞态|竞争条件|synchroni[sz]ation (?:issues|problems|bugs)"#, 1, nil, .count, .lostUpdates),
        (#"(?<!\bmak(?:e|es|ing)\s[^.,;]{0,50})thread[- ]safe|\bsafer alternative|\blocks? (?:prevents?|avoids?|stops?) (?:this|that|it|race conditions?|them)\b|(?:加锁|锁)(?:可以|能)?(?:避免|防止)(?:这|数据竞争|竞争)|no (?:update is )?lost|never lose|线程安全|不会丢失|(?:no need|(?:eliminates|reduces|removes) the need|without the need) for locks|avoids? (?:the )?(?:issues|problems|bugs) (?:related to|with|of) (?:thread )?synchroni[sz]ation|without (?:needing|using|any) locks|(?:不需要|无需|不用)(?:加)?(?:互斥)?锁|避免(?:使用|加)锁|(?:加)?锁保护[^。.]{0,6}(?:结果)?正确|no shared[- ]memory (?:issues|problems)"#, nil, 0, .count, .lostUpdates),
        (#"no speed-?up|鸡肋|no (?:real |significant |noticeable )?difference between (?:running )?(?:[\w-]+ ){0,2}(?:in )?(?:sequence|serial|sequential\w*|a single thread|one thread)|not (?:any |much )?faster|no faster|\b(?:does not|doesn'?t|won'?t|cannot|can'?t) speed|\b(?:does not|doesn'?t|won'?t|cannot|can'?t|not) (?:provide|give|bring|offer|yield)s? (?:a |any |much |a (?:big|significant|large) )?(?:performance )?(?:speed-?up|improvement|gain|benefit)s?|没有(?:任何)?(?:提升|加速)|不会(?:更快|加速)|无法加速|(?:无法|不能|没法|并不会|不会)[^，。,.]{0,12}?(?:明显|显著)?(?:变快|提速)|性能差|(?:pretty |quite |completely )?useless|no (?:benefit|advantage|gain)|(?:does not|doesn'?t|do not|don'?t) help|\bneither\s+[*_`\w.-]+\s+nor\s+[*_`\w.-]+\s+helps?\b|\b(?:do|does|did|will|would|can)(?:n'?t| not) benefit (?:\w+ )?from\b|\band not\b(?=\s+(?:for\s+)?\W{0,3}(?:cpu|i\s*/\s*o|io)[- ]bound)|neither helps|毫无用处|没有(?:任何)?(?:好处|优势)|并未(?:有效)?(?:减少|降低|缩短)[^，。,.]{0,6}(?:耗时|时间)|并未(?:有效)?(?:提升|提高|加快)|(?:并不能|并没有|未能|无法|不能|不会)[^，。,.]{0,10}(?:提升|提高|加快)|效果不佳|\bgets? in (?:your|the) way|\bnot (?:at all |really |very )?(?:useful )?for(?=\W{0,3}(?:cpu|comput))|(?<=(?:cpu|comput|greedy|heav|calculat)[^.]{0,60}?)(?:freez|stall|block)(?:e|es|s|ing)? (?:the )?(?:entire |whole )?event[- ]loop|(?<=(?:CPU|计算)\s{0,2}密集型?(?:任务)?\s{0,2})(?:几乎)?无效|性能(?:严重|明显)?受限|(?<=(?:CPU|计算)\s{0,2}密集型?\S{0,6})(?:是|成为)(?:性能)?瓶颈|(?:is|are|becomes?) (?:a |the )?bottleneck for(?=\W{0,5}cpu)|(?:耗时|时间|速度)[^，。,.]{0,4}(?:几乎|基本|差不多)?(?:和|与|跟)(?:单线程|串行)[^，。,.]{0,4}?(?:一样|相同|差不多)|(?:耗时|时间|速度|性能|效率)[^，。,.]{0,6}(?:几乎|基本|差不多)(?:一样|相同|没变)|(?:和|与|跟)(?:单线程|串行)[^，。,.]{0,6}(?:几乎|基本|差不多)(?:一样|相同)|(?:has |had |have )?(?:no|little) effect|(?:about|roughly|almost|nearly) the same (?:time|speed)|(?:并)?不(?:太)?适(?:用|合)(?:于)?(?=\W{0,3}(?:CPU|计算))|(?:doesn'?t|does not|won'?t|will not) make[^.,;]{0,20}?(?:blazing |any )?fast(?:er)?|(?<=(?:CPU|计算)密集型?的?任务[^。]{0,40}?)(?:并)?不(?:太)?适(?:用|合)|not (?:suitable|good|great|ideal) for(?=\W{0,3}cpu)|(?:not|isn'?t|aren'?t|never)\s+(?:very\s+|really\s+)?(?:suitable|good|great|ideal|effective|efficient|useful|beneficial|well[- ]suited|a good (?:choice|fit))\s+for(?=\W{0,3}(?:cpu|i\s*/\s*o|io\b|network))|(?:effectiveness|benefit|performance gains?|gains?) (?:is |are )?(?:limited|constrained)(?= for\W{0,3}cpu)|limits? (?:the )?performance (?:gains|improvements)(?= for\W{0,3}cpu)"#,
         nil, 1.1, .times, .speedup),
        (#"slower(?! (?:startup|start-up|start|creation|switch))|更慢|反而慢|变慢|比单(?:线程|进程)[^，。,.]{0,8}慢|(?:效率|性能|速度)[^，。,.]{0,6}不如单(?:线程|进程)|效率(?:反而)?下降|性能更差|performs? worse|worse performance|(?:cause|causes|caused|causing|show|shows|showed|see|saw)\s+(?:a\s+)?slowdowns?"#, nil, 1, .times, .speedup),
        (#"不受\s*GIL\s*(?:的)?(?:限制|影响)|GIL\s*(?:并|也)?不(?:会)?(?:影响|限制)\s*(?:多)?进程|GIL (?:does not|doesn\'t|won\'t) (?:affect|limit|apply to) (?:multiple |separate )?processes|not (?:limited|affected|bound) by (?:the )?GIL|避免(?:了)?\s*GIL(?!的(?:各种)?(?:方法|办法|方式|限制))|(?:并|也)?不(?:会)?影响(?:多)?进程|(?:free|unaffected) (?:of|by) (?:the )?GIL"#, 1.5, nil, .times, .parallelism),
        (#"(?:cannot|can'?t|can not|do(?:es)? not|don'?t|never|\bnot|不能|无法|不会|没有)[^.,;。，；]{0,40}?(?:in parallel|parallel|并行|多核|multiple (?:cpu |processor )?cores|multiple cpus|at the same time|simultaneously)|(?:restricts?|limits?|limiting|prevents?|preventing)\s+(?:true\s+|real\s+)?(?:cpu\s+)?parallel(?:ism| execution)?|\bGIL (?:blocks|serializes|serialises) (?:the )?threads\b|伪多线程|concurrency without parallelism|without (?:utiliz|using|us)\w*\s+multiple (?:cpu |processor )?cores|(?:没有|并没有|并未)真正的?(?:进行)?(?:多线程|并行)|线程[^。]{0,20}?交替(?:执行|运行)|(?:不是|而非|并非)[“"「]?(?:自动|真正的?)?并行|concurrency,? not (?:true )?parallelism|concurrent,? not parallel|(?:限制|制约|(?<!不)(?<!不会)影响)(?:了)?[^，。,.]{0,12}(?:并行|多核)|受\s*GIL\s*(?:的)?(?:限制|影响|制约)|(?:limited|restricted|constrained) by (?:the )?GIL|\bGIL (?:mainly |mostly |primarily |only )?(?:affects|impacts|limits|hurts) (?:only )?\W{0,3}CPU[- ]bound|GIL\s*(?:只|主要|仅)?(?:会)?对\s*CPU\s*密集型?[^，。,.]{0,8}(?:产生)?影响|(?<!不)(?<!不会)(?:只)?影响(?:多)?线程(?!安全|切换)|prevent(?:s|ed|ing)?\W[^.,;]{0,40}?from[^.,;]{0,30}?(?:in parallel|parallel)"#, nil, 1.15, .times, .parallelism),
        (#"(?:同一时刻|同一时间点?|任意时刻|任何时刻|任何时候)(?:都)?(?:只有|仅有|仅|只能有?)\s*(?:一|1)\s*个|只允许\s*同一时间执行\s*(?:一|1)\s*个线程|只(?:允许|能有?|有)\s*(?:一|1)\s*个线程|only one thread (?:at a time|can (?:be )?(?:run|execut)\w*|executes)|\bonly one (?:python )?(?:thread|instruction|bytecode)s?\b[^.;]{0,40}?\bat (?:a|any) (?:time|instant|moment)|\bone (?:cpu )?core of execution at a time|one thread at a time|\bno two (?:python )?threads\b[^.;]{0,60}?(?:at (?:the same|a|any|one) time|simultaneously|in parallel)|allows? only one (?:\w+ )?thread|(?:makes?|making)[^.,;]{0,40}single[- ]threaded|\b(?:execute|run)s? (?:only )?one at a time|\bonly (?:have |run |execute |do )?one (?:task|thing|coroutine)s? (?:\w+ )?(?:at (?:a|any|one) time|executing|running)|是线性执行|是串行执行|(?:本质上|其实)(?:是|就是)单线程|\bonly one at a time|take turns|轮流(?:执行|运行)|on (?:a single|one) core\b|(?:on |works on )?a single (?:cpu )?core only|属于并发操作|(?:在|运行在|跑在)(?:同一个?|一个|单个?)线程(?:内|里|中|上)|是单线程的?(?=[，。,.；;]|$)|\bruns? (?:in|on) (?:a )?single thread\b|\bsingle[- ]threaded event[- ]loop\b"#,
         nil, 1.15, .times, .parallelism),
        (#"(?:true|real|truly) parallel|in parallel|真正(?:的)?并行|并行执行|属于并行|并行操作|实现(?:了)?(?:真正的?)?并行|真正同一时刻|run (?:truly )?simultaneously|(?:可以|能够?)?(?:充分)?(?:使用|利用)(?:了)?多核|(?:use|utili[sz]e|leverage|exploit)s? (?:multiple|all(?: the)?|many) (?:cpu |processor )?cores|(?:using|utili[sz]ing|leveraging|exploiting) (?:multiple|all(?: the)?|many) (?:cpu |processor )?cores|enables? (?:true |real )?parallelism|(?:computed|executed|processed|handled) (?:simultaneously|at the same time|in parallel)|(?:gives?|provides?|offers?) (?:true |real )?parallelism|parallelism comes from|\bachieve (?:true |real )?parallelism|utili[sz]ation (?:of )?(?:a )?multi-?processor|takes? advantage of (?:multiple|all(?: the)?|every|each) (?:cpus?|cores?|processors?)|(?:不同|多个)的?\s*CPU\s*核心|绕过\s*GIL(?!的(?:各种)?(?:方法|办法|方式))|bypass(?:es|ing)? (?:the |a )?GIL|(?:sidesteps?|circumvents?) (?:the )?GIL|GIL (?:won'?t|will not|doesn'?t|does not) (?:be a problem|matter|apply)|(?:有效|充分)(?:的|地)?(?:使用|利用)\s*CPU|规避[^，。,.]{0,20}GIL|avoids? (?:the )?GIL|(?:独立|自己|各自|独自)的[^，。,.]{0,14}GIL|(?:has|have|with) (?:its|their) own GIL|(?:get|gets|getting|work|works|working) around (?:the )?GIL|exploit(?:s|ing)? (?:multiple|all(?: the)?|every) (?:cpus?|cores?|processors?)|并行计算|(?:可以)?发挥多核"#, 1.5, nil, .times, .parallelism),
        (#"faster(?! (?:startup|start-up|start|creation|switch))|speeds? up|(?:significantly |greatly |dramatically )?(?:improv(?:e|es|ing)|enhanc(?:e|es|ing)|boost(?:s|ing)?) (?:the )?performance(?! improvements)|(?:makes?|making) it (?:suitable|ideal|a good fit|well[- ]suited) for|更快|加速|(?:提升|提高)(?:了)?(?:执行|整体|程序)?(?:的)?(?:效率|性能)|(?:able to |can )?(?:optimi[sz]es?|helps?|speeds? up) only(?=\W{0,3}i\s*/\s*o)|并发高效|高效处理|(?:优势|好处)(?:便|就)?(?:非常|十分|很|更)?(?:显著|明显)|体现出[^，。,.]{0,6}优势|(?:还是|是|更|就|上)有(?:一定的?|明显的?|很大的?)?优势|(?:great|good|ideal|best|well[- ]suited|suitable|appropriate|perfect|beneficial|useful|effective|efficient|excellent|use|fastest) for(?=\W{0,5}(?:[\w-]+\s+){0,2}\W{0,3}(?:i\s*/\s*o|io\b|cpu|network|comput))|(?<=i\s?/\s?o[^.]{0,60}?)(?:the )?gil (?:is|gets) released|releas(?:es|ing) the gil(?=[^.]{0,40}?\bi\s?/\s?o)|(?<=I\s?/?\s?O[^。]{0,40}?)(?:会|可以)?(?:主动|暂时|自动)?释放\s*GIL|(?<=I\s?/?\s?O[^。]{0,20}?)GIL\s*(?:会|就会)?(?:主动|自动)?释放|\befficient when\b(?=[^.]{0,30}?\bwait)|(?:→|->|=>)\s*(?=(?:when|if|for)\b[^.;]{0,40}?\b(?:i\s*/\s*o|cpu)\b)|(?<=^[\s>*+#✅✔-]{0,8}(?:asyncio|threads?|threading|multiprocessing|processes|coroutines?|(?:process|thread)poolexe?cutor|协程|多线程|多进程)\s{1,2})for\b(?=[^.;]{0,40}?(?:i\s*/\s*o|\bcpu|computation|comput(?:e|ing)))|(?:ideal|suitable|beneficial|useful|effective|well[- ]suited|great|perfect) for(?=[^.;:]{0,50}?(?:\b(?:i\s*/\s*o|io|network)[- ](?:bound|intensive|heavy|operations?|tasks?|work)|cpu is (?:mostly |often |largely )?\W?(?:waiting|idle)))|\buse (?:the )?\S+(?: module| library| package)? for(?=\W{0,3}(?:i\s*/\s*o|io|cpu|network)[- ](?:bound|intensive|heavy))|\buse \S+(?: \S+)? (?:if|when)(?=[^.]{0,80}?(?:i\s*/\s*o|network|disk|scrap|download|http))|excels? (?:in|at)(?=[^.;:]{0,30}?\b(?:i\s*/\s*o|io|network)[- ](?:bound|intensive|heavy|operations?|tasks?|work))|(?:适(?:用|合)|推荐)(?:于|用于)?(?:场景|场合)?(?=[^，。,.；;]{0,4}?(?:I\s*/\s*O|IO|CPU|计算|网络|图像处理|科学计算|机器学习))|(?:甚至|会|能)?有(?:一定的?|明显的?|显著的?)?提升|(?<=(?:I\s?/\s?O|IO)\s{0,2}密集型?(?:任务)?\s{0,2})有效|(?<=(?:I\s?/?\s?O|IO|CPU|计算)\s{0,2}密集型?的?(?:任务|程序|应用|操作)?\s{0,2})(?:非常|很|十分|更)?适(?:用|合)|(?<=I\s?/?\s?O[^。]{0,30})(?:能|可以)?并发(?:执行|运行|等待|处理)|(?<=\bi\s?/\s?o[^.;]{0,40})\bconcurrently\b|(?:I\s*/\s*O|IO|CPU|计算)\s*密集型?(?:任务)?\s*(?:→|->|=>)|(?:I\s*/\s*O|IO|CPU|计算密集型?)\s*用(?=\s*\S)|(?:I\s*/\s*O|IO|CPU|计算)\s*密集型?的?(?:任务|工作|场景|操作)?\s*[,，]\s*用(?=\s*\S)|(?<=(?:I\s?/?\s?O|IO|CPU|计算)\s{0,2}密集型?的?(?:任务|程序|应用|操作)?[^，。,.]{0,6})(?:(?:应|应该|应当)(?:尽量|尽可能)|应该|应当|最好|建议)(?:使用|用|采用)|\b(?:only |really |mainly |mostly )*(?:gain|benefit)s? (?:\w+ )?from using\b|\b(?:can |still |will |greatly |also )*benefits? (?:\w+ )?from\b|(?<=(?:cpu|i\s?/\s?o|io)[\w -]{0,24}[*_`]{0,2}\s?[:：][*_`]{0,2}\s{0,2})use\s+[*_`]*[\w.-]+[*_`]*|(?<=(?:如果|若|当|假如)[^。]{2,40}?[，,]\s{0,2})(?:则)?(?:建议|推荐)?(?:使用|用|采用)(?=[*_`\s]*\S)|(?<=\b(?:if|when)\b[^.;]{2,60}?,\s{0,2})(?:then\s+)?use\s+[*_`]*[\w.-]+[*_`]*|\b(?:still )?helps?\b(?=\W{0,3}(?:with\s+)?\W{0,3}(?:i\s*/\s*o|io|network)[- ]bound)|(?:the )?gil (?:is|gets) released (?:during|while|when|for|on|around) (?:blocking |network |file )?i\s*/\s*o|(?<=(?:cpu|comput\w{0,12})[- ](?:bound|intensive|heavy)\W{0,3} (?:work|tasks?|code) )needs? (?:multiple )?(?:processes|multiprocessing)\b|(?<=(?:cpu|i\s?/\s?o|io)[- ]bound (?:tasks?|work|code) )use [\w`.-]+(?: or [\w`.-]+)?|\b(?:see|get|gain|give)s? (?:a )?(?:greater|bigger|larger|more|significant|big) speed-?ups?\b|(?<=\bi\s?/\s?o[^.]{0,50}?)concurrency shines|(?<=\bfor (?:any |all |the )?(?:[\w-]{1,20} ){0,2}(?:cpu|i\s?/\s?o|io|computationally)[\w /-]{0,30}?,[^.]{0,40}?)\b(?:use|want to use|choose|pick|go with)\b|\brecommended for(?=\W{0,5}(?:i\s*/\s*o|io\b|cpu|network))|\b(?:use|choose|prefer|consider|pick|opt for|go with)\s+(?:[\w`.,+-]+\s+){1,4}?(?:for|when|if|like)\b(?=[^.;:]{0,40}?\b(?:i\s*/\s*o|io|cpu|network)[- ](?:bound|intensive|heavy))|(?<=\b(?:i\s?/\s?o|cpu)[- ]bound tasks[^.;]{0,30}?)\bconsider\b|\bexcels?\b(?=[^.;]{0,60}?\bi\s*/\s*o\b)|(?<=\bi\s?/\s?o[- ]bound[^.;]{0,80}?)\bexcels?\b|(?:直接)?减半|(?:does not|doesn'?t) have (?:much |any |a big )?(?:impact|effect) on (?:the )?performance of(?=[^.]{0,20}i\s*/\s*o)|对\s*I/?O\s*密集型[^，。,.]{0,10}影响(?:极小|不大|很小|较小|小)|(?:a )?(?:good|great|better|best) (?:choice|fit|option) for(?=\W{0,3}(?:i\s*/\s*o|io\b|cpu|network))|(?<=\bi\s?/\s?o[^.]{0,80}?)\bworks? (?:well|best|great)\b|\bworks? (?:well|best|great) for(?=\W{0,3}(?:i\s*/?\s*o|network|cpu)[- ]bound)|(?:doesn'?t|does not|won'?t|will not) (?:block|affect|limit|slow(?: down)?|hurt|impact)(?=\W{0,3}i\s*/\s*o[- ]bound)|\bimprov(?:e|es|ing) (?:the )?speed\b|(?:运行|执行)?(?:效率|性能|速度)(?:会|要)?更(?:高|好|快)|更(?:为|加)?有效|\bmore effective\b|cuts? (?:the )?time in half|halv(?:es|ed) the time|(?:total|elapsed) time\W{1,3}(?:≈|=|~|is|equals)\W{1,3}(?:the )?(?:max|longest)|(?:total|elapsed|overall) time (?:is |will be )?(?:roughly |about |approximately |just )?(?:equal to )?(?:the time of )?the (?:longest|slowest)|总(?:耗时|时间)\W{0,3}(?:≈|=|约?等于|取决于)\W{0,3}最(?:长|慢)"#, 1.1, nil, .times, .speedup),
    ]

    /// The quantity a bound in words states: that of the first bound whose
    /// pattern its words wholly are; nil for words that are none (a figure,
    /// a quality, a yes in a table), read by their unit.
    static func quantity(ofBound words: String) -> ClaimQuantity? {
        let plain = withoutEmphasis(words).plain
        return naturalBounds.first { plain.range(of: "^(?:" + $0.pattern + ")$", options: [.regularExpression, .caseInsensitive]) != nil }?.quantity
    }

    /// `text` without its emphasis marks ("only **one thread executes**": "only one thread executes"),
    /// its typographic apostrophes straight ("doesn’t": "doesn't"), and where each of its characters
    /// is in `text` (with `text.endIndex` last).
    static func withoutEmphasis(_ text: String) -> (plain: String, origin: [String.Index]) {
        var plain = ""
        var origin: [String.Index] = []
        for index in text.indices where !"*`".contains(text[index]) {
            plain.append(text[index] == "’" ? "'" : text[index])
            origin.append(index)
        }
        origin.append(text.endIndex)
        return (plain, origin)
    }

    /// Whether `words` compare, on `line`, one thing with another ("faster than", "比线程快").
    static func comparing(_ words: String, in line: String) -> Bool {
        let escaped = NSRegularExpression.escapedPattern(for: words)
        return line.range(of: escaped + #"(?:\s+\w+){0,3}\s*(?:than\b|比)|比[^，。,.]{0,12}"# + escaped, options: [.regularExpression, .caseInsensitive]) != nil
    }

    /// `range` of `text` widened over the emphasis marks that close one it opens: "Use `multiprocessing`",
    /// not "Use `multiprocessing", for words matched without their marks.
    static func closed(_ range: Range<String.Index>, in text: String) -> Range<String.Index> {
        var end = range.upperBound
        // A run of one mark ("**", "`") opens or closes: an odd number of runs inside is one left open.
        func runs(of mark: Character) -> Int {
            zip(text[range.lowerBound..<end], [" "] + text[range.lowerBound..<end]).filter { $0 == mark && $1 != mark }.count
        }
        while end < text.endIndex, "*`_".contains(text[end]), runs(of: text[end]) % 2 == 1 {
            let mark = text[end]
            while end < text.endIndex, text[end] == mark { end = text.index(after: end) }
        }
        return range.lowerBound..<end
    }

    /// Each bound the line states in words, in its own words: a clause may
    /// state one ("多线程、协程属于并发操作，多进程属于并行操作" states two).
    /// A link's text is a title, not a claim ("[Faster Python: …](…)").
    static func bounds(in line: String) -> [((min: Double?, max: Double?), StatedUnit, String)] {
        let text = line.replacingOccurrences(of: #"\[[^\]]*\]\([^)]*\)"#, with: " ", options: .regularExpression)
        // Matched without emphasis ("only **one thread executes** Python bytecode at a time"), quoted as written.
        let (plain, origin) = withoutEmphasis(text)
        var found: [(Range<String.Index>, ((min: Double?, max: Double?), StatedUnit, String))] = []
        // Each match of `plain`, as written in `text`, unless words found before overlap it.
        func take(_ match: Range<String.Index>, _ bound: (min: Double?, max: Double?), _ unit: StatedUnit) {
            let start = plain.distance(from: plain.startIndex, to: match.lowerBound)
            let end = plain.distance(from: plain.startIndex, to: match.upperBound)
            let words = closed(origin[start]..<text.index(after: origin[end - 1]), in: text)
            guard !found.contains(where: { $0.0.overlaps(words) }) else { return }
            found.append((words, (bound, unit, String(text[words]))))
        }
        for bound in naturalBounds {
            for match in ranges(of: bound.pattern, in: plain) where !match.isEmpty { take(match, (bound.min, bound.max), bound.unit) }
        }
        // "prefer asyncio for I/O and multiprocessing for CPU": each subject named for a kind of work suits it.
        for match in suitedFor(in: plain) { take(match, (1.1, nil), .times) }
        return found.sorted { $0.0.lowerBound < $1.0.lowerBound }.map(\.1)
    }

    /// Where a subject is named for a kind of work: "asyncio for I/O", "ProcessPoolExecutor is best
    /// for CPU-bound work", "threads are great for network calls", from the subject to the work.
    /// Not where the line warns against it ("❌ Thread for CPU-bound work", "avoid threads for …").
    static func suitedFor(in line: String) -> [Range<String.Index>] {
        let suits = #"^[\s*_`]*(?:(?:is|are)\s+)?(?:(?:great|good|best|ideal|better|perfect|well[- ]suited|suitable|appropriate|recommended|preferred|useful|used|meant|designed|made)\s+)?for\s+(?:the\s+|most\s+|any\s+|all\s+)?(?:[\w-]+,?\s+){0,2}?[*_`]*(?:i\s*/\s*o|io\b|cpu|network|comput\w*|number[- ]crunching)(?:[- ](?:bound|intensive|heavy))?"#
        return ClaimReader.mentions(in: line).compactMap { named -> Range<String.Index>? in
            guard !named.compared, ![.gil, .lock].contains(named.subject),
                  line[..<named.range.lowerBound].range(of: #"❌|✗|✘|\bavoid|\bdon'?t|\bnever|\bnot\b|\bno\b|不要|避免|别"#,
                                                       options: [.regularExpression, .caseInsensitive]) == nil,
                  let rest = line[named.range.upperBound...].range(of: suits, options: [.regularExpression, .caseInsensitive]) else { return nil }
            return named.range.lowerBound..<rest.upperBound
        }
    }
}
